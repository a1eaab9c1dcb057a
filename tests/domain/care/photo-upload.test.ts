import {
  applyPhotoVerdict,
  attachPhotos,
  isCloudComplaintPhoto,
  mayRecordCloudPhotos,
  mayUploadPhoto,
  mayViewPhoto,
  newPhotoUpload,
  passedPhotoCheck,
  photoWindowStart,
  PHOTO_QUOTA,
  type PhotoClaim,
  type PhotoUpload,
} from '@/domain/care/photo-upload'

const NOW = new Date('2027-03-15T06:30:00.000Z')
const MB = 1024 * 1024
const ENV = 'club-prod-1a2b'
const FILE_ID = `cloud://${ENV}.636c-club-prod-1a2b-1250000000/complaints/lq2x-ab12cd.jpg`
const LOCAL = 'local://0123456789abcdef0123456789abcdef.png'

const anUpload = (overrides: Partial<PhotoUpload> = {}): PhotoUpload => ({
  ...newPhotoUpload(LOCAL, 'm-owner', 2048, new Date('2027-03-15T05:00:00.000Z')),
  ...overrides,
})
const claim = (overrides: Partial<PhotoClaim> = {}): PhotoClaim => ({
  memberId: 'm-owner',
  complaintId: 'c-2',
  cloudEnv: ENV,
  now: NOW,
  ...overrides,
})

describe('photoWindowStart', () => {
  it('starts the quota window exactly 24 hours before now', () => {
    expect(photoWindowStart(NOW)).toBe('2027-03-14T06:30:00.000Z')
  })
})

describe('mayUploadPhoto', () => {
  it.each([
    ['the first photo of the day', { photos: 0, bytes: 0 }, MB, true],
    ['the 20th photo', { photos: 19, bytes: 5 * MB }, MB, true],
    ['a photo that makes exactly 20 MB', { photos: 9, bytes: 18 * MB }, 2 * MB, true],
    ['the 21st photo', { photos: 20, bytes: 5 * MB }, 1, false],
    ['one byte past 20 MB', { photos: 9, bytes: 18 * MB }, 2 * MB + 1, false],
  ])('decides %s: allowed %s', (_case, usage, bytes, allowed) => {
    expect(mayUploadPhoto(usage, bytes).ok).toBe(allowed)
  })

  it('says in Chinese which limit was reached, also as the photo field', () => {
    const tooMany = mayUploadPhoto({ photos: PHOTO_QUOTA.photos, bytes: 0 }, 1)
    const tooBig = mayUploadPhoto({ photos: 0, bytes: PHOTO_QUOTA.bytes }, 1)

    expect(tooMany).toEqual({
      ok: false,
      error: {
        code: 'COMPLAINT.PHOTO_QUOTA_EXCEEDED',
        message: '24小时内最多上传20张图片，请稍后再试',
        fields: { photo: '24小时内最多上传20张图片，请稍后再试' },
      },
    })
    expect(tooBig).toMatchObject({
      error: { fields: { photo: '24小时内上传的图片不能超过20MB，请稍后再试' } },
    })
  })
})

describe('mayRecordCloudPhotos', () => {
  it.each([
    ['no new photo, whatever the count', 25, 0, true],
    ['three more up to exactly 20', 17, 3, true],
    ['three more past 20', 18, 3, false],
  ])('decides %s: allowed %s', (_case, photos, fresh, allowed) => {
    expect(mayRecordCloudPhotos({ photos, bytes: 0 }, fresh).ok).toBe(allowed)
  })
})

describe('newPhotoUpload', () => {
  it('records the uploader, size and time, part of no complaint, unchecked, at version 1', () => {
    expect(newPhotoUpload(LOCAL, 'm-owner', 2048, NOW)).toEqual({
      id: LOCAL,
      ownerMemberId: 'm-owner',
      bytes: 2048,
      createdAt: NOW.toISOString(),
      complaintId: null,
      check: 'pending',
      checkTraceId: null,
      version: 1,
    })
  })
})

describe('isCloudComplaintPhoto', () => {
  it.each([
    ['a fileID of this environment’s complaint folder', FILE_ID, ENV, true],
    ['a .jpeg, .png and .webp too', FILE_ID.replace('.jpg', '.webp'), ENV, true],
    ['another environment’s fileID', FILE_ID.replace(ENV, 'club-test-9z'), ENV, false],
    ['an environment whose name starts the same', FILE_ID.replace(ENV, `${ENV}x`), ENV, false],
    ['another folder', FILE_ID.replace('/complaints/', '/events/'), ENV, false],
    ['a sub-folder', FILE_ID.replace('/complaints/', '/complaints/x/'), ENV, false],
    ['a path climbing out', FILE_ID.replace('/complaints/', '/complaints/../'), ENV, false],
    ['an image type that is no photo', FILE_ID.replace('.jpg', '.svg'), ENV, false],
    ['a local photo', LOCAL, ENV, false],
    ['any fileID off CloudBase', FILE_ID, null, false],
  ])('%s: %s', (_case, photoId, env, expected) => {
    expect(isCloudComplaintPhoto(photoId, env)).toBe(expected)
  })
})

describe('attachPhotos', () => {
  it('makes the filer’s own unfiled photo part of the complaint, as its next version', () => {
    const upload = anUpload()

    const result = attachPhotos([LOCAL], [upload], claim())

    expect(result).toEqual({ ok: true, data: [{ ...upload, complaintId: 'c-2', version: 2 }] })
  })

  it.each([
    ['a trace to await', { traceId: 't-1' }, { check: 'pending', checkTraceId: 't-1' }],
    ['a verdict at once', { verdict: 'pass' }, { check: 'pass', checkTraceId: null }],
    ['a risky verdict at once', { verdict: 'risky' }, { check: 'risky', checkTraceId: null }],
  ] as const)('files each photo with how its media check started: %s', (_case, start, fields) => {
    const checks = new Map([
      [LOCAL, start],
      [FILE_ID, start],
    ])

    const result = attachPhotos([LOCAL, FILE_ID], [anUpload(), null], claim({ checks }))

    expect(result).toMatchObject({ ok: true, data: [fields, fields] })
  })

  it('records a fileID of this environment nobody named before as the filer’s, size unknown', () => {
    const result = attachPhotos([FILE_ID], [null], claim())

    expect(result).toEqual({
      ok: true,
      data: [
        {
          id: FILE_ID,
          ownerMemberId: 'm-owner',
          bytes: 0,
          createdAt: NOW.toISOString(),
          complaintId: 'c-2',
          check: 'pending',
          checkTraceId: null,
          version: 1,
        },
      ],
    })
  })

  it('takes a complaint without photos', () => {
    expect(attachPhotos([], [], claim())).toEqual({ ok: true, data: [] })
  })

  it.each([
    ['another member’s photo', [LOCAL], [anUpload({ ownerMemberId: 'm-other' })]],
    ['a local photo nobody uploaded', [LOCAL], [null]],
    ['a fileID of another environment', [FILE_ID.replace(ENV, 'club-test-9z')], [null]],
    ['a fileID of another member', [FILE_ID], [anUpload({ id: FILE_ID, ownerMemberId: 'm-b' })]],
  ])('refuses %s with the same field error as any unknown photo', (_case, photos, stored) => {
    const result = attachPhotos(photos, stored, claim())

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INPUT.INVALID',
        message: expect.any(String),
        fields: { photos: '图片无效，请重新上传' },
      },
    })
  })

  it('refuses the filer’s own photo that another complaint already holds', () => {
    const result = attachPhotos([LOCAL], [anUpload({ complaintId: 'c-1', version: 2 })], claim())

    expect(result).toMatchObject({
      ok: false,
      error: { fields: { photos: '图片已用于其他投诉，请重新上传' } },
    })
  })

  it('refuses one photo named twice', () => {
    const result = attachPhotos([LOCAL, LOCAL], [anUpload(), anUpload()], claim())

    expect(result).toMatchObject({
      ok: false,
      error: { fields: { photos: '同一张图片只能添加一次' } },
    })
  })

  it('refuses the whole set when one photo of several is not the filer’s', () => {
    const other = 'local://fedcba9876543210fedcba9876543210.jpg'

    const result = attachPhotos(
      [LOCAL, other],
      [anUpload(), anUpload({ id: other, ownerMemberId: 'm-other' })],
      claim(),
    )

    expect(result.ok).toBe(false)
  })
})

describe('applyPhotoVerdict', () => {
  const awaiting = anUpload({ complaintId: 'c-1', checkTraceId: 't-1', version: 2 })

  it('gives the photo awaiting exactly that trace the verdict, once, as its next version', () => {
    expect(applyPhotoVerdict(awaiting, 't-1', 'risky')).toEqual({
      ...awaiting,
      check: 'risky',
      checkTraceId: null,
      version: 3,
    })
  })

  it.each([
    ['no photo', null, 't-1'],
    ['another trace', awaiting, 't-2'],
    ['a photo already judged', anUpload({ ...awaiting, check: 'risky' }), 't-1'],
    ['a photo whose check never started', anUpload({ complaintId: 'c-1' }), 't-1'],
  ])('applies to nothing for %s', (_case, upload, trace) => {
    expect(applyPhotoVerdict(upload, trace, 'pass')).toBeNull()
  })
})

describe('passedPhotoCheck', () => {
  it.each([
    ['pending', false],
    ['pass', true],
    ['review', true],
    ['risky', false],
  ] as const)('lets staff see a photo whose check is %s: %s', (check, shown) => {
    expect(passedPhotoCheck({ check })).toBe(shown)
  })
})

describe('mayViewPhoto', () => {
  const filed = anUpload({ complaintId: 'c-1', check: 'pass', version: 2 })
  const complaint = { id: 'c-1', photos: [LOCAL] }
  const owner = { memberId: 'm-owner', answersComplaints: false }
  const reviewer = { memberId: null, answersComplaints: true }
  const otherMember = { memberId: 'm-other', answersComplaints: false }

  it.each([
    ['its uploader, before filing', anUpload(), owner, null, true],
    ['its uploader, after filing', filed, owner, complaint, true],
    ['a reviewer, once a complaint holds it and it passed', filed, reviewer, complaint, true],
    [
      'a reviewer, while it is checked',
      anUpload({ ...filed, check: 'pending' }),
      reviewer,
      complaint,
      false,
    ],
    [
      'a reviewer, once judged risky',
      anUpload({ ...filed, check: 'risky' }),
      reviewer,
      complaint,
      false,
    ],
    ['its uploader, judged risky', anUpload({ ...filed, check: 'risky' }), owner, complaint, true],
    ['a reviewer, before any complaint holds it', anUpload(), reviewer, null, false],
    [
      'a reviewer, when the complaint no longer shows it',
      filed,
      reviewer,
      { ...complaint, photos: [] },
      false,
    ],
    ['a reviewer, when the complaint is gone', filed, reviewer, null, false],
    ['a reviewer, given another complaint', filed, reviewer, { ...complaint, id: 'c-9' }, false],
    ['another member', filed, otherMember, complaint, false],
    [
      'staff who do not answer complaints',
      filed,
      { memberId: null, answersComplaints: false },
      complaint,
      false,
    ],
    ['anyone, when there is no such photo', null, owner, null, false],
  ])('shows the photo to %s: %s', (_case, upload, viewer, held, shown) => {
    expect(mayViewPhoto(upload, viewer, held)).toBe(shown)
  })
})
