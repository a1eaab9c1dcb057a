import { invalidInput } from '../shared/common.errors'
import { ok, type Result } from '../shared/result'
import { photoQuotaExceeded } from './care.errors'
import type { Complaint } from './complaint'

/**
 * A stored complaint photo (投诉图片) and who it belongs to. On the local host the upload route
 * records it as the bytes are kept; a CloudBase fileID (uploaded by the mini-program straight to
 * storage) is recorded by the first complaint that names it. The owner is the member the session's
 * openid belongs to, kept by member id: the openid itself is stored once only, on the member, so
 * erasing a member (SPEC §9) leaves no openid here.
 */
export type PhotoUpload = {
  /** The photo id: `local://<name>` on the local host, a `cloud://…` fileID on CloudBase. */
  id: string
  /** The uploader's member id, from the session of the upload (or of the first complaint). */
  ownerMemberId: string
  /** Size in bytes; 0 when not known (a CloudBase fileID). */
  bytes: number
  createdAt: string
  /** The complaint the photo is part of; null until one is filed with it. */
  complaintId: string | null
  /** Where WeChat's media check of the photo stands (see PhotoCheck). */
  check: PhotoCheck
  /**
   * The trace id WeChat gave the asynchronous check (`security.mediaCheckAsync`) whose verdict is
   * awaited; null once there is a verdict or when no check was started. It never leaves the
   * server: a verdict naming it is taken as WeChat's (see `applyPhotoVerdict`).
   */
  checkTraceId: string | null
  version: number
}

/**
 * WeChat's media check (内容安全检测) of a complaint photo before staff see it (docs/security.md):
 * `pending` until its verdict arrives; then WeChat's suggestion — `pass` and `review` are shown to
 * staff, `risky` never is. A photo not yet part of a complaint is `pending` (nobody but its
 * uploader sees it).
 */
export type PhotoCheck = 'pending' | 'pass' | 'review' | 'risky'

/** What starting the check of one photo gave: a verdict at once, or the trace of one to come. */
export type PhotoCheckStart = { verdict: Exclude<PhotoCheck, 'pending'> } | { traceId: string }

/**
 * What one member may upload within any 24 hours: 20 photos and 20 MB (a complaint holds 3 photos
 * of at most 2 MB, so this is several complaints and their retries, and no more).
 */
export const PHOTO_QUOTA = { windowHours: 24, photos: 20, bytes: 20 * 1024 * 1024 } as const
const WINDOW_MS = PHOTO_QUOTA.windowHours * 60 * 60 * 1000

/** A member's uploads within the quota window. */
export type PhotoUsage = { photos: number; bytes: number }

/**
 * The start of the quota window ending at `now`: uploads created at or after it count. A photo
 * uploaded earlier and never filed with a complaint is forgotten (record and file) from then on.
 */
export function photoWindowStart(now: Date): string {
  return new Date(now.getTime() - WINDOW_MS).toISOString()
}

/**
 * Whether one more photo of `bytes` fits the member's quota: at most 20 photos and 20 MB within 24
 * hours. Exactly the 20th photo, or exactly 20 MB, still fits.
 */
export function mayUploadPhoto(usage: PhotoUsage, bytes: number): Result<true> {
  if (usage.photos + 1 > PHOTO_QUOTA.photos) {
    return photoQuotaExceeded(`24小时内最多上传${PHOTO_QUOTA.photos}张图片，请稍后再试`)
  }
  if (usage.bytes + bytes > PHOTO_QUOTA.bytes) {
    return photoQuotaExceeded(
      `24小时内上传的图片不能超过${PHOTO_QUOTA.bytes / 1024 / 1024}MB，请稍后再试`,
    )
  }
  return ok(true)
}

/**
 * Whether a complaint may record `fresh` CloudBase photos nobody recorded before: the mini-program
 * uploads straight to storage, so its photos are counted against the same quota (20 photos in 24
 * hours) when a complaint first names them. Exactly the 20th still fits.
 */
export function mayRecordCloudPhotos(usage: PhotoUsage, fresh: number): Result<true> {
  if (fresh === 0 || usage.photos + fresh <= PHOTO_QUOTA.photos) return ok(true)
  return photoQuotaExceeded(`24小时内最多上传${PHOTO_QUOTA.photos}张图片，请稍后再试`, 'photos')
}

/** A photo just uploaded by the member `ownerMemberId`, part of no complaint yet. */
export function newPhotoUpload(
  id: string,
  ownerMemberId: string,
  bytes: number,
  now: Date,
): PhotoUpload {
  return {
    id,
    ownerMemberId,
    bytes,
    createdAt: now.toISOString(),
    complaintId: null,
    check: 'pending',
    checkTraceId: null,
    version: 1,
  }
}

/** The folder of CloudBase storage the mini-program uploads complaint photos to. */
export const CLOUD_PHOTO_FOLDER = 'complaints'
const CLOUD_BUCKET = /^[A-Za-z0-9-]{1,100}$/
const CLOUD_NAME = /^[A-Za-z0-9_-]{1,64}\.(jpe?g|png|webp)$/

/**
 * A fileID of this environment's complaint photos: `cloud://<env>.<bucket>/complaints/<name>.<ext>`
 * (jpg, jpeg, png or webp). Off CloudBase (`env` null) no fileID is one. The path is all a function
 * can check offline: CloudBase storage does not tell a function who uploaded a file.
 */
export function isCloudComplaintPhoto(photoId: string, env: string | null): boolean {
  if (!env) return false
  const prefix = `cloud://${env}.`
  if (!photoId.startsWith(prefix)) return false
  const parts = photoId.slice(prefix.length).split('/')
  return (
    parts.length === 3 &&
    CLOUD_BUCKET.test(parts[0]!) &&
    parts[1] === CLOUD_PHOTO_FOLDER &&
    CLOUD_NAME.test(parts[2]!)
  )
}

/** Who files the complaint, as the photos' rules need it. */
export type PhotoClaim = {
  memberId: string
  complaintId: string
  /** The CloudBase environment whose fileIDs may be claimed; null off CloudBase. */
  cloudEnv: string | null
  now: Date
  /**
   * The media check started for each photo, by photo id; absent before the checks are started
   * (a trial of the photos, which stores nothing).
   */
  checks?: ReadonlyMap<string, PhotoCheckStart>
}

const NOT_YOURS = '图片无效，请重新上传'

/**
 * The photos of a new complaint, each made part of it. `stored[i]` is the record of `photos[i]`
 * (null when there is none). Each photo must be one the filer uploaded and no complaint has yet; a
 * fileID of this environment's complaint folder that nobody has named before becomes the filer's.
 * Anything else — another person's photo, an id nobody uploaded, a foreign fileID — is the same
 * field error, so the answer never tells whether someone else's photo exists. The filer's own
 * photo already part of a complaint, or one photo twice, get messages of their own.
 */
export function attachPhotos(
  photos: readonly string[],
  stored: readonly (PhotoUpload | null)[],
  claim: PhotoClaim,
): Result<PhotoUpload[]> {
  if (new Set(photos).size !== photos.length) {
    return invalidInput({ photos: '同一张图片只能添加一次' })
  }
  const attached: PhotoUpload[] = []
  for (const [i, photo] of photos.entries()) {
    const upload = stored[i] ?? null
    if (!upload) {
      if (!isCloudComplaintPhoto(photo, claim.cloudEnv)) return invalidInput({ photos: NOT_YOURS })
      attached.push({
        ...newPhotoUpload(photo, claim.memberId, 0, claim.now),
        complaintId: claim.complaintId,
        ...checkOf(claim.checks?.get(photo)),
      })
      continue
    }
    if (upload.ownerMemberId !== claim.memberId) return invalidInput({ photos: NOT_YOURS })
    if (upload.complaintId !== null) {
      return invalidInput({ photos: '图片已用于其他投诉，请重新上传' })
    }
    attached.push({
      ...upload,
      complaintId: claim.complaintId,
      ...checkOf(claim.checks?.get(photo)),
      version: upload.version + 1,
    })
  }
  return ok(attached)
}

/** The check fields of a photo whose check started as `start` (pending, untraced, when none). */
function checkOf(start: PhotoCheckStart | undefined): Pick<PhotoUpload, 'check' | 'checkTraceId'> {
  if (!start) return { check: 'pending', checkTraceId: null }
  return 'traceId' in start
    ? { check: 'pending', checkTraceId: start.traceId }
    : { check: start.verdict, checkTraceId: null }
}

/**
 * The photo with WeChat's verdict of the check traced `traceId`: only a photo still awaiting
 * exactly that trace takes it, once; the first verdict stands. Null when it applies to nothing —
 * an unknown or stale trace, or a photo already judged — so a forged or repeated verdict changes
 * nothing.
 */
export function applyPhotoVerdict(
  upload: PhotoUpload | null,
  traceId: string,
  verdict: Exclude<PhotoCheck, 'pending'>,
): PhotoUpload | null {
  if (!upload || upload.check !== 'pending' || upload.checkTraceId !== traceId) return null
  return { ...upload, check: verdict, checkTraceId: null, version: upload.version + 1 }
}

/** Whether staff may see the photo as far as its media check goes: passed, or passed for review. */
export function passedPhotoCheck(upload: Pick<PhotoUpload, 'check'>): boolean {
  return upload.check === 'pass' || upload.check === 'review'
}

/**
 * Who may see a photo: its uploader, always; staff who answer complaints (reviewer, admin), once it
 * is part of a complaint that still shows it (an erased member's complaint shows none) and has
 * passed WeChat's media check. Nobody else, and nobody at all when there is no such photo.
 */
export function mayViewPhoto(
  upload: PhotoUpload | null,
  viewer: { memberId: string | null; answersComplaints: boolean },
  complaint: Pick<Complaint, 'id' | 'photos'> | null,
): boolean {
  if (!upload) return false
  if (viewer.memberId !== null && upload.ownerMemberId === viewer.memberId) return true
  return (
    viewer.answersComplaints &&
    passedPhotoCheck(upload) &&
    upload.complaintId !== null &&
    complaint?.id === upload.complaintId &&
    complaint.photos.includes(upload.id)
  )
}
