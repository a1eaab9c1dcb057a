import type { Caller } from '../../../../cloudfunctions/_shared/caller'
import type { Deps } from '../../../../cloudfunctions/_shared/ports'
import { fileComplaint } from '../../../../cloudfunctions/_shared/use-cases/complaints'
import {
  photoToShow,
  recordPhotoUpload,
} from '../../../../cloudfunctions/_shared/use-cases/photo-uploads'
import type { MemberStatus } from '@/domain/member/member'
import { aMemberAtTheCounter } from '../../../support/points-flow'
import { callerOf, newOpenid, registered } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

const UPLOADED_AT = '2026-05-10T02:00:00.000Z'
const ENV = 'club-prod-1a2b'
const fileIdOf = (name: string) =>
  `cloud://${ENV}.636c-club-prod-1a2b-1250000000/complaints/${name}.jpg`

let photoCount = 0
const aPhotoId = () => `local://${(++photoCount).toString(16).padStart(32, '0')}.png`

/** Puts a member straight into a status (arranging a scene, not a flow under test). */
async function inStatus(deps: Deps, openid: string, status: MemberStatus) {
  const member = (await deps.store.read.members.byOpenid(openid))!
  await deps.store.transaction((tx) =>
    tx.members.update({ ...member, status, version: member.version + 1 }),
  )
}

describe('complaint photos and who they belong to', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps(UPLOADED_AT)))
  afterEach(() => t.cleanup())

  async function uploadedBy(caller: Caller, bytes = 1024): Promise<string> {
    const photoId = aPhotoId()
    const result = await recordPhotoUpload(t.deps, caller, { photoId, bytes })
    if (!result.ok) throw new Error(`not uploaded: ${JSON.stringify(result.error)}`)
    return photoId
  }
  const filedWith = (deps: Deps, caller: Caller, photos: string[]) =>
    fileComplaint(
      deps,
      caller,
      { category: 'service', text: '店员态度不好，见图片', photos },
      newRequestId(),
    )
  const onCloudbase = (): Deps => ({
    ...t.deps,
    settings: { ...t.deps.settings, cloudStorageEnv: ENV },
  })

  describe('recordPhotoUpload', () => {
    it('records the photo as the uploader’s, with its size and time, part of no complaint', async () => {
      const { member, memberCaller } = await aMemberAtTheCounter(t.deps)
      const photoId = aPhotoId()

      const result = await recordPhotoUpload(t.deps, memberCaller, { photoId, bytes: 2048 })

      expect(result).toEqual({ ok: true, data: { photoId, forgotten: [] } })
      expect(await t.deps.store.read.photoUploads.byId(photoId)).toEqual({
        id: photoId,
        ownerMemberId: member.id,
        bytes: 2048,
        createdAt: UPLOADED_AT,
        complaintId: null,
        check: 'pending',
        checkTraceId: null,
        version: 1,
      })
    })

    it('keeps the uploader by member id: no openid is stored with a photo', async () => {
      const { memberCaller } = await aMemberAtTheCounter(t.deps)
      const photoId = await uploadedBy(memberCaller)

      const stored = await t.deps.store.read.photoUploads.byId(photoId)

      expect(JSON.stringify(stored)).not.toContain(memberCaller.openid)
    })

    it('takes photos again once the first ones are more than 24 hours old', async () => {
      const { memberCaller } = await aMemberAtTheCounter(t.deps)
      for (let i = 0; i < 20; i++) await uploadedBy(memberCaller)
      const refused = await recordPhotoUpload(t.deps, memberCaller, {
        photoId: aPhotoId(),
        bytes: 1,
      })

      t.clock.set('2026-05-11T02:00:00.001Z')
      const next = await recordPhotoUpload(t.deps, memberCaller, { photoId: aPhotoId(), bytes: 1 })

      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'COMPLAINT.PHOTO_QUOTA_EXCEEDED' },
      })
      expect(next).toMatchObject({ ok: true })
    })

    it('forgets a photo no complaint took within 24 hours, and keeps a filed one', async () => {
      const { memberCaller } = await aMemberAtTheCounter(t.deps)
      const unfiled = await uploadedBy(memberCaller)
      const filed = await uploadedBy(memberCaller)
      expect(await filedWith(t.deps, memberCaller, [filed])).toMatchObject({ ok: true })
      t.clock.set('2026-05-11T02:00:00.001Z')

      const result = await recordPhotoUpload(t.deps, memberCaller, {
        photoId: aPhotoId(),
        bytes: 1,
      })

      expect(result).toMatchObject({ ok: true, data: { forgotten: [unfiled] } })
      expect(await t.deps.store.read.photoUploads.byId(unfiled)).toBeNull()
      expect(await t.deps.store.read.photoUploads.byId(filed)).toMatchObject({
        complaintId: expect.any(String),
      })
    })

    it('keeps an unfiled photo of exactly 24 hours: it still counts', async () => {
      const { memberCaller } = await aMemberAtTheCounter(t.deps)
      const photo = await uploadedBy(memberCaller)
      t.clock.set('2026-05-11T02:00:00.000Z')

      const result = await recordPhotoUpload(t.deps, memberCaller, {
        photoId: aPhotoId(),
        bytes: 1,
      })

      expect(result).toMatchObject({ ok: true, data: { forgotten: [] } })
      expect(await t.deps.store.read.photoUploads.byId(photo)).not.toBeNull()
    })

    it.each<[string, MemberStatus, string]>([
      ['an applicant still under review', 'pending', 'COMPLAINT.NOT_YET_MEMBER'],
      ['a cancelled account', 'cancelled', 'COMPLAINT.ACCOUNT_CLOSED'],
      ['a withdrawn account', 'withdrawn', 'COMPLAINT.ACCOUNT_CLOSED'],
    ])('refuses %s with %s, storing nothing', async (_case, status, code) => {
      const openid = newOpenid()
      await registered(t.deps, openid)
      await inStatus(t.deps, openid, status)
      const before = t.snapshot()

      const result = await recordPhotoUpload(t.deps, callerOf(openid), {
        photoId: aPhotoId(),
        bytes: 1,
      })

      expect(result).toMatchObject({ ok: false, error: { code } })
      expect(t.snapshot()).toEqual(before)
    })

    it('takes a photo from a suspended member: a complaint is how they object', async () => {
      const { memberCaller } = await aMemberAtTheCounter(t.deps)
      await inStatus(t.deps, memberCaller.openid, 'suspended')

      const result = await recordPhotoUpload(t.deps, memberCaller, {
        photoId: aPhotoId(),
        bytes: 1,
      })

      expect(result).toMatchObject({ ok: true })
    })

    it('refuses staff and people without an account, storing nothing', async () => {
      const reviewer = callerOf((await addStaff(t.deps, 'reviewer')).openid)
      const before = t.snapshot()

      const results = await Promise.all(
        [reviewer, callerOf('o_nobody'), callerOf('')].map((caller) =>
          recordPhotoUpload(t.deps, caller, { photoId: aPhotoId(), bytes: 1 }),
        ),
      )

      expect(results.map((r) => !r.ok && r.error.code)).toEqual([
        'AUTH.NOT_A_MEMBER',
        'AUTH.NOT_A_MEMBER',
        'AUTH.NOT_SIGNED_IN',
      ])
      expect(t.snapshot()).toEqual(before)
    })
  })

  describe('photoToShow', () => {
    it('shows a photo to its uploader, filed or not', async () => {
      const { memberCaller } = await aMemberAtTheCounter(t.deps)
      const unfiled = await uploadedBy(memberCaller)
      const filed = await uploadedBy(memberCaller)
      await filedWith(t.deps, memberCaller, [filed])

      const shown = [
        await photoToShow(t.deps, memberCaller, unfiled),
        await photoToShow(t.deps, memberCaller, filed),
      ]

      expect(shown).toMatchObject([{ ok: true, data: { id: unfiled } }, { ok: true }])
    })

    it.each(['reviewer', 'admin'] as const)(
      'shows a %s a photo once a complaint holds it, not before',
      async (role) => {
        const { memberCaller } = await aMemberAtTheCounter(t.deps)
        const staff = callerOf((await addStaff(t.deps, role)).openid)
        const photo = await uploadedBy(memberCaller)

        const before = await photoToShow(t.deps, staff, photo)
        await filedWith(t.deps, memberCaller, [photo])
        const after = await photoToShow(t.deps, staff, photo)

        expect(before).toMatchObject({ ok: false, error: { code: 'COMPLAINT.PHOTO_NOT_FOUND' } })
        expect(after).toMatchObject({ ok: true, data: { id: photo } })
      },
    )

    it('never shows a filed photo to a clerk, another member or nobody signed in', async () => {
      const { memberCaller, clerkCaller } = await aMemberAtTheCounter(t.deps)
      const other = await aMemberAtTheCounter(t.deps)
      const photo = await uploadedBy(memberCaller)
      await filedWith(t.deps, memberCaller, [photo])

      const shown = [
        await photoToShow(t.deps, clerkCaller, photo),
        await photoToShow(t.deps, other.memberCaller, photo),
        await photoToShow(t.deps, callerOf(''), photo),
      ]

      expect(shown.map((r) => !r.ok && r.error.code)).toEqual([
        'COMPLAINT.PHOTO_NOT_FOUND',
        'COMPLAINT.PHOTO_NOT_FOUND',
        'AUTH.NOT_SIGNED_IN',
      ])
    })

    it('stops showing reviewers a photo the complaint no longer holds (an erased member’s)', async () => {
      const { memberCaller } = await aMemberAtTheCounter(t.deps)
      const reviewer = callerOf((await addStaff(t.deps, 'reviewer')).openid)
      const photo = await uploadedBy(memberCaller)
      const filed = await filedWith(t.deps, memberCaller, [photo])
      if (!filed.ok) throw new Error('not filed')
      const complaint = (await t.deps.store.read.complaints.byId(filed.data.id))!
      await t.deps.store.transaction((tx) =>
        tx.complaints.save({ ...complaint, photos: [], version: complaint.version + 1 }),
      )

      const shown = await photoToShow(t.deps, reviewer, photo)

      expect(shown).toMatchObject({ ok: false, error: { code: 'COMPLAINT.PHOTO_NOT_FOUND' } })
    })

    it('answers a photo that does not exist as it answers one the caller may not see', async () => {
      const { memberCaller } = await aMemberAtTheCounter(t.deps)
      const other = await aMemberAtTheCounter(t.deps)
      const photo = await uploadedBy(memberCaller)

      const notTheirs = await photoToShow(t.deps, other.memberCaller, photo)
      const missing = await photoToShow(t.deps, other.memberCaller, aPhotoId())

      expect(notTheirs).toEqual(missing)
    })
  })

  describe('fileComplaint with CloudBase fileIDs', () => {
    it('records a fileID of this environment’s complaint folder as the first filer’s', async () => {
      const { member, memberCaller } = await aMemberAtTheCounter(t.deps)
      const fileId = fileIdOf('lq2x-ab12cd')

      const filed = await filedWith(onCloudbase(), memberCaller, [fileId])

      expect(filed).toMatchObject({ ok: true, data: { photos: [fileId] } })
      expect(await t.deps.store.read.photoUploads.byId(fileId)).toEqual({
        id: fileId,
        ownerMemberId: member.id,
        bytes: 0,
        createdAt: UPLOADED_AT,
        complaintId: filed.ok ? filed.data.id : null,
        check: 'pass',
        checkTraceId: null,
        version: 1,
      })
    })

    it('counts photos uploaded straight to storage against the quota of 20 in 24 hours as complaints name them', async () => {
      const { memberCaller } = await aMemberAtTheCounter(t.deps)
      for (let c = 0; c < 6; c++) {
        const named = [0, 1, 2].map((p) => fileIdOf(`q${c}-${p}`))
        expect(await filedWith(onCloudbase(), memberCaller, named)).toMatchObject({ ok: true })
      }
      expect(
        await filedWith(onCloudbase(), memberCaller, [fileIdOf('q6-0'), fileIdOf('q6-1')]),
      ).toMatchObject({ ok: true })
      const before = t.snapshot()

      const past = await filedWith(onCloudbase(), memberCaller, [fileIdOf('q7-0')])

      expect(past).toEqual({
        ok: false,
        error: {
          code: 'COMPLAINT.PHOTO_QUOTA_EXCEEDED',
          message: '24小时内最多上传20张图片，请稍后再试',
          fields: { photos: '24小时内最多上传20张图片，请稍后再试' },
        },
      })
      expect(t.snapshot()).toEqual(before)
    })

    it('refuses a fileID another complaint holds, to its filer and to anyone else, storing nothing', async () => {
      const { memberCaller } = await aMemberAtTheCounter(t.deps)
      const other = await aMemberAtTheCounter(t.deps)
      const fileId = fileIdOf('lq2x-ab12cd')
      await filedWith(onCloudbase(), memberCaller, [fileId])
      const before = t.snapshot()

      const again = await filedWith(onCloudbase(), memberCaller, [fileId])
      const byOther = await filedWith(onCloudbase(), other.memberCaller, [fileId])

      expect(again).toMatchObject({
        ok: false,
        error: { fields: { photos: '图片已用于其他投诉，请重新上传' } },
      })
      expect(byOther).toMatchObject({
        ok: false,
        error: { fields: { photos: '图片无效，请重新上传' } },
      })
      expect(t.snapshot()).toEqual(before)
    })

    it.each([
      ['another environment’s fileID', fileIdOf('x').replace(ENV, 'club-test-9z')],
      ['a fileID outside the complaint folder', fileIdOf('x').replace('/complaints/', '/cards/')],
    ])('refuses %s, storing nothing', async (_case, fileId) => {
      const { memberCaller } = await aMemberAtTheCounter(t.deps)
      const before = t.snapshot()

      const result = await filedWith(onCloudbase(), memberCaller, [fileId])

      expect(result).toMatchObject({
        ok: false,
        error: { code: 'INPUT.INVALID', fields: { photos: '图片无效，请重新上传' } },
      })
      expect(t.snapshot()).toEqual(before)
    })

    it('refuses every fileID when the functions run off CloudBase', async () => {
      const { memberCaller } = await aMemberAtTheCounter(t.deps)

      const result = await filedWith(t.deps, memberCaller, [fileIdOf('lq2x-ab12cd')])

      expect(result).toMatchObject({ ok: false, error: { fields: { photos: expect.any(String) } } })
    })
  })
})
