import type { Caller } from '../../../../cloudfunctions/_shared/caller'
import type { Deps } from '../../../../cloudfunctions/_shared/ports'
import {
  answerComplaint,
  fileComplaint,
  listComplaints,
  myComplaints,
} from '../../../../cloudfunctions/_shared/use-cases/complaints'
import { recordPhotoUpload } from '../../../../cloudfunctions/_shared/use-cases/photo-uploads'
import type { ComplaintView } from '@/contracts/complaints'
import type { ComplaintForm } from '@/domain/care/complaint'
import type { MemberStatus } from '@/domain/member/member'
import { aMemberAtTheCounter } from '../../../support/points-flow'
import { callerOf, newOpenid, registered } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

const FILED_AT = '2026-05-10T02:00:00.000Z'
const form = (overrides: Partial<ComplaintForm> = {}): ComplaintForm => ({
  category: 'service',
  text: '门店店员结账时态度不好',
  photos: [],
  ...overrides,
})
const OPEN = { answered: false, offset: 0, limit: 20 }
const ANSWERED = { answered: true, offset: 0, limit: 20 }

/** Puts a member straight into a status (arranging a scene, not a flow under test). */
async function inStatus(deps: Deps, memberId: string, status: MemberStatus) {
  const member = (await deps.store.read.members.byId(memberId))!
  const saved = await deps.store.transaction((tx) =>
    tx.members.update({ ...member, status, version: member.version + 1 }),
  )
  if (!saved.ok) throw new Error(`member ${memberId} not set to ${status}`)
}

describe('complaints and suggestions', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps(FILED_AT)))
  afterEach(() => t.cleanup())

  async function filed(openid: string, overrides: Partial<ComplaintForm> = {}) {
    const result = await fileComplaint(t.deps, callerOf(openid), form(overrides), newRequestId())
    if (!result.ok) throw new Error(`not filed: ${JSON.stringify(result.error)}`)
    return result.data
  }

  const reviewerCaller = async () => callerOf((await addStaff(t.deps, 'reviewer')).openid)

  /** A photo the local host kept for `caller`, recorded as theirs. */
  async function uploadedBy(caller: Caller): Promise<string> {
    const photoId = `local://${t.deps.ids
      .next()
      .replace(/[^a-z0-9]/gi, '')
      .toLowerCase()}.png`
    const result = await recordPhotoUpload(t.deps, caller, { photoId, bytes: 1024 })
    if (!result.ok) throw new Error(`not uploaded: ${JSON.stringify(result.error)}`)
    return photoId
  }

  describe('fileComplaint', () => {
    it('files a complaint with photos, unanswered and due 48 hours later, into the staff queue', async () => {
      const { member, memberCaller } = await aMemberAtTheCounter(t.deps)
      const onCloudbase = { ...t.deps, settings: { ...t.deps.settings, cloudStorageEnv: 'env-1' } }
      const photos = [
        'cloud://env-1.7465-env-1-1250000000/complaints/lq2x-ab12cd.jpg',
        await uploadedBy(memberCaller),
      ]

      const result = await fileComplaint(
        onCloudbase,
        memberCaller,
        form({ category: 'product', text: '  买到的饮料已过期  ', photos }),
        newRequestId(),
      )
      const queue = await listComplaints(t.deps, await reviewerCaller(), OPEN)

      expect(result).toEqual({
        ok: true,
        data: {
          id: expect.any(String),
          category: 'product',
          text: '买到的饮料已过期',
          photos,
          createdAt: FILED_AT,
          dueAt: '2026-05-12T02:00:00.000Z',
          answer: null,
          answeredAt: null,
        },
      })
      expect(queue).toMatchObject({
        ok: true,
        data: {
          total: 1,
          asOf: FILED_AT,
          items: [
            {
              memberId: member.id,
              realName: member.realName,
              shopName: member.shopName,
              memberStatus: 'active',
              overdue: false,
              photos,
            },
          ],
        },
      })
    })

    it('takes a complaint from a suspended member: that is how they object', async () => {
      const { member, memberCaller } = await aMemberAtTheCounter(t.deps)
      await inStatus(t.deps, member.id, 'suspended')

      const result = await fileComplaint(
        t.deps,
        memberCaller,
        form({ text: '对暂停处理有异议，请复核' }),
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: true, data: { answer: null } })
    })

    it.each<[MemberStatus, string]>([
      ['cancelled', 'COMPLAINT.ACCOUNT_CLOSED'],
      ['withdrawn', 'COMPLAINT.ACCOUNT_CLOSED'],
      ['rejected', 'COMPLAINT.NOT_YET_MEMBER'],
    ])('refuses a %s account with %s and stores nothing', async (status, code) => {
      const { member, memberCaller } = await aMemberAtTheCounter(t.deps)
      await inStatus(t.deps, member.id, status)

      const result = await fileComplaint(t.deps, memberCaller, form(), newRequestId())

      expect(result).toMatchObject({ ok: false, error: { code } })
      expect(await t.deps.store.read.complaints.forMember(member.id)).toEqual([])
    })

    it('refuses an applicant whose registration is still pending', async () => {
      const openid = newOpenid()
      await registered(t.deps, openid)

      const result = await fileComplaint(t.deps, callerOf(openid), form(), newRequestId())

      expect(result).toMatchObject({ ok: false, error: { code: 'COMPLAINT.NOT_YET_MEMBER' } })
    })

    it.each([
      ['a clerk', 'clerk' as const],
      ['a reviewer', 'reviewer' as const],
      ['an admin', 'admin' as const],
    ])('refuses %s: staff hold no member account', async (_who, role) => {
      const staff = await addStaff(t.deps, role)

      const result = await fileComplaint(t.deps, callerOf(staff.openid), form(), newRequestId())

      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_A_MEMBER' } })
    })

    it('refuses a guest and a caller who is not signed in', async () => {
      const guest = await fileComplaint(t.deps, callerOf('o_nobody'), form(), newRequestId())
      const anonymous = await fileComplaint(t.deps, callerOf(''), form(), newRequestId())

      expect(guest).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_A_MEMBER' } })
      expect(anonymous).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
    })

    it('files once per request id: a retry returns the first complaint and adds none', async () => {
      const { member, memberCaller } = await aMemberAtTheCounter(t.deps)
      const requestId = newRequestId()

      const first = await fileComplaint(t.deps, memberCaller, form(), requestId)
      t.clock.set('2026-05-10T02:05:00.000Z')
      const retry = await fileComplaint(t.deps, memberCaller, form(), requestId)

      expect(retry).toEqual(first)
      expect(await t.deps.store.read.complaints.forMember(member.id)).toHaveLength(1)
    })

    it('refuses a request id already used by someone else for their complaint', async () => {
      const a = await aMemberAtTheCounter(t.deps)
      const b = await aMemberAtTheCounter(t.deps)
      const requestId = newRequestId()
      await fileComplaint(t.deps, a.memberCaller, form(), requestId)

      const reused = await fileComplaint(t.deps, b.memberCaller, form(), requestId)

      expect(reused).toMatchObject({ ok: false, error: { code: 'INPUT.REQUEST_ID_REUSED' } })
      expect(await t.deps.store.read.complaints.forMember(b.member.id)).toEqual([])
    })
  })

  describe('myComplaints', () => {
    it("shows the member's own complaints newest first, and nobody else's", async () => {
      const a = await aMemberAtTheCounter(t.deps)
      const b = await aMemberAtTheCounter(t.deps)
      const older = await filed(a.member.openid, { text: '第一条投诉内容' })
      t.clock.set('2026-05-10T03:00:00.000Z')
      const newer = await filed(a.member.openid, { category: 'suggestion', text: '建议增加提货点' })
      await filed(b.member.openid)

      const mine = await myComplaints(t.deps, a.memberCaller)

      expect(mine).toEqual({ ok: true, data: [newer, older] })
    })

    it('is for members only', async () => {
      const clerk = await addStaff(t.deps, 'clerk')

      const read = await myComplaints(t.deps, callerOf(clerk.openid))

      expect(read).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_A_MEMBER' } })
    })
  })

  describe('listComplaints', () => {
    it('puts open complaints in order of their reply target, the most overdue first', async () => {
      const { member } = await aMemberAtTheCounter(t.deps)
      const times = [
        '2026-05-10T02:00:00.000Z',
        '2026-05-10T09:00:00.000Z',
        '2026-05-11T01:00:00.000Z',
      ]
      const ids: string[] = []
      for (const time of times) {
        t.clock.set(time)
        ids.push((await filed(member.openid)).id)
      }
      t.clock.set('2026-05-12T05:00:00.000Z')

      const queue = await listComplaints(t.deps, await reviewerCaller(), OPEN)

      expect(queue.ok && queue.data.items.map((c) => [c.id, c.overdue])).toEqual([
        [ids[0], true],
        [ids[1], false],
        [ids[2], false],
      ])
    })

    it('flags a complaint overdue at exactly 48 hours unanswered, and not a millisecond before', async () => {
      const { member } = await aMemberAtTheCounter(t.deps)
      await filed(member.openid)
      const reviewer = await reviewerCaller()

      t.clock.set('2026-05-12T01:59:59.999Z')
      const before = await listComplaints(t.deps, reviewer, OPEN)
      t.clock.set('2026-05-12T02:00:00.000Z')
      const at48h = await listComplaints(t.deps, reviewer, OPEN)

      expect(before).toMatchObject({ ok: true, data: { items: [{ overdue: false }] } })
      expect(at48h).toMatchObject({
        ok: true,
        data: { asOf: '2026-05-12T02:00:00.000Z', items: [{ overdue: true }] },
      })
      expect(await t.deps.store.read.complaints.countOverdue('2026-05-12T02:00:00.000Z')).toBe(1)
    })

    it('pages through the queue with the total', async () => {
      const { member } = await aMemberAtTheCounter(t.deps)
      for (let i = 0; i < 3; i++) {
        t.clock.set(`2026-05-10T0${2 + i}:00:00.000Z`)
        await filed(member.openid)
      }

      const page = await listComplaints(t.deps, await reviewerCaller(), {
        answered: false,
        offset: 1,
        limit: 1,
      })

      expect(page).toMatchObject({
        ok: true,
        data: { total: 3, items: [{ createdAt: '2026-05-10T03:00:00.000Z' }] },
      })
    })

    it.each([
      ['a clerk', async (deps: Deps) => callerOf((await addStaff(deps, 'clerk')).openid)],
      ['a member', async (deps: Deps) => (await aMemberAtTheCounter(deps)).memberCaller],
      ['a guest', async () => callerOf('o_nobody')],
    ])('is closed to %s', async (_who, who) => {
      const caller = await who(t.deps)

      const list = await listComplaints(t.deps, caller, OPEN)

      expect(list).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    })

    it('is open to an admin as well as a reviewer', async () => {
      const admin = await addStaff(t.deps, 'admin')

      const list = await listComplaints(t.deps, callerOf(admin.openid), OPEN)

      expect(list).toMatchObject({ ok: true, data: { total: 0, items: [] } })
    })
  })

  describe('answerComplaint', () => {
    async function anOpenComplaint() {
      const counter = await aMemberAtTheCounter(t.deps)
      const complaint = await filed(counter.member.openid, { category: 'points' })
      return { ...counter, complaint }
    }

    it('answers: the member reads it, is notified once, and the answer is audited', async () => {
      const { member, memberCaller, complaint } = await anOpenComplaint()
      const reviewer = await addStaff(t.deps, 'reviewer')
      t.clock.set('2026-05-11T08:00:00.000Z')
      const requestId = newRequestId()

      const result = await answerComplaint(
        t.deps,
        callerOf(reviewer.openid),
        { id: complaint.id, answer: '积分已补录，请查看积分明细' },
        requestId,
      )
      const mine = await myComplaints(t.deps, memberCaller)
      const open = await listComplaints(t.deps, callerOf(reviewer.openid), OPEN)
      const done = await listComplaints(t.deps, callerOf(reviewer.openid), ANSWERED)

      const answered: ComplaintView = {
        ...complaint,
        answer: '积分已补录，请查看积分明细',
        answeredAt: '2026-05-11T08:00:00.000Z',
      }
      expect(result).toEqual({ ok: true, data: answered })
      expect(mine).toEqual({ ok: true, data: [answered] })
      expect(open).toMatchObject({ ok: true, data: { total: 0 } })
      expect(done).toMatchObject({ ok: true, data: { total: 1, items: [{ overdue: false }] } })
      expect(await t.deps.store.read.outbox.forMember(member.id)).toContainEqual({
        id: `complaint-answered:${complaint.id}`,
        memberId: member.id,
        kind: 'complaint.answered',
        payload: { complaintId: complaint.id, category: 'points' },
        createdAt: '2026-05-11T08:00:00.000Z',
        status: 'pending',
      })
      expect(await t.deps.store.read.audit.forTarget('complaint', complaint.id)).toEqual([
        expect.objectContaining({
          actorId: reviewer.id,
          actorRole: 'reviewer',
          action: 'complaint.answer',
          before: { answer: null },
          after: {
            answer: '积分已补录，请查看积分明细',
            answeredAt: '2026-05-11T08:00:00.000Z',
            overdue: false,
          },
          requestId,
          at: '2026-05-11T08:00:00.000Z',
        }),
      ])
    })

    it('records in the audit that an answer came after the 48 hours', async () => {
      const { complaint } = await anOpenComplaint()
      t.clock.set('2026-05-13T00:00:00.000Z')

      await answerComplaint(
        t.deps,
        await reviewerCaller(),
        { id: complaint.id, answer: '抱歉回复晚了，已处理' },
        newRequestId(),
      )

      const [audit] = await t.deps.store.read.audit.forTarget('complaint', complaint.id)
      expect(audit?.after).toMatchObject({ overdue: true })
    })

    it('answers only once: a second answer is refused and the first stays', async () => {
      const { memberCaller, complaint } = await anOpenComplaint()
      const reviewer = await reviewerCaller()
      await answerComplaint(
        t.deps,
        reviewer,
        { id: complaint.id, answer: '已处理' },
        newRequestId(),
      )

      const second = await answerComplaint(
        t.deps,
        callerOf((await addStaff(t.deps, 'admin')).openid),
        { id: complaint.id, answer: '另一个回复' },
        newRequestId(),
      )

      expect(second).toMatchObject({ ok: false, error: { code: 'COMPLAINT.ALREADY_ANSWERED' } })
      expect(await myComplaints(t.deps, memberCaller)).toMatchObject({
        ok: true,
        data: [{ answer: '已处理' }],
      })
      expect(await t.deps.store.read.audit.forTarget('complaint', complaint.id)).toHaveLength(1)
    })

    it('answers once per request id: a retry returns the first result with one notice and one audit row', async () => {
      const { member, complaint } = await anOpenComplaint()
      const reviewer = await reviewerCaller()
      const requestId = newRequestId()
      const input = { id: complaint.id, answer: '已处理，感谢反馈' }

      const first = await answerComplaint(t.deps, reviewer, input, requestId)
      t.clock.set('2026-05-10T04:00:00.000Z')
      const retry = await answerComplaint(t.deps, reviewer, input, requestId)

      expect(retry).toEqual(first)
      const notices = await t.deps.store.read.outbox.forMember(member.id)
      expect(notices.filter((n) => n.kind === 'complaint.answered')).toHaveLength(1)
      expect(await t.deps.store.read.audit.forTarget('complaint', complaint.id)).toHaveLength(1)
    })

    it('refuses an unknown complaint', async () => {
      const result = await answerComplaint(
        t.deps,
        await reviewerCaller(),
        { id: 'no-such-complaint', answer: '已处理' },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: 'COMPLAINT.NOT_FOUND' } })
    })

    it.each([
      ['a clerk', async (deps: Deps) => callerOf((await addStaff(deps, 'clerk')).openid)],
      ['the member who filed it', null],
      ['a guest', async () => callerOf('o_nobody')],
      ['a caller not signed in', async () => callerOf('')],
    ])('is refused to %s with an AUTH code, changing nothing', async (_who, who) => {
      const { memberCaller, complaint } = await anOpenComplaint()
      const caller = who ? await who(t.deps) : memberCaller

      const result = await answerComplaint(
        t.deps,
        caller,
        { id: complaint.id, answer: '自己回复自己' },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^AUTH\./) } })
      expect(await t.deps.store.read.complaints.byId(complaint.id)).toMatchObject({
        answer: null,
        version: 1,
      })
    })
  })
})
