import { photoNotFound } from '../../../src/domain/care/care.errors'
import { mayFileComplaint } from '../../../src/domain/care/complaint'
import {
  applyPhotoVerdict,
  mayUploadPhoto,
  mayViewPhoto,
  newPhotoUpload,
  photoWindowStart,
  type PhotoUpload,
} from '../../../src/domain/care/photo-upload'
import { notSignedIn, writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireMember, requireStaff, type Caller } from '../caller'
import type { Deps } from '../ports'

/** A photo recorded, and the caller's unfiled photos past the quota window it forgot. */
export type RecordedPhoto = { photoId: string; forgotten: string[] }

/**
 * A photo the local host is about to keep for the caller (H5; the mini-program uploads to
 * CloudBase storage instead): recorded as theirs, within their quota of 20 photos and 20 MB in 24
 * hours. Only a member who may file a complaint (active or suspended) uploads. Their photos that no
 * complaint took within 24 hours are forgotten here, and their ids returned so the host deletes the
 * files. A refusal writes nothing.
 */
export async function recordPhotoUpload(
  deps: Deps,
  caller: Caller,
  upload: { photoId: string; bytes: number },
): Promise<Result<RecordedPhoto>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const allowed = mayFileComplaint(member.data.status)
  if (!allowed.ok) return allowed
  const now = deps.clock.now()
  const since = photoWindowStart(now)
  const memberId = member.data.id
  return deps.store.transaction(async (tx) => {
    // Counted inside the transaction, so two uploads at once cannot both take the last place.
    const fits = mayUploadPhoto(await tx.photoUploads.usageSince(memberId, since), upload.bytes)
    if (!fits.ok) return fits
    const recorded = newPhotoUpload(upload.photoId, memberId, upload.bytes, now)
    if (!(await tx.photoUploads.save(recorded)).ok) return writeConflict()
    const stale = await tx.photoUploads.unattachedBefore(memberId, since)
    for (const old of stale) await tx.photoUploads.remove(old.id)
    return ok({ photoId: recorded.id, forgotten: stale.map((old) => old.id) })
  })
}

/**
 * The photo `photoId` if the caller may see it: their own (as the member their openid belongs to),
 * or — for a reviewer or admin — one that is part of a complaint still showing it. Anyone else gets
 * the answer a missing photo gets, so nobody learns that another person's photo exists.
 */
export async function photoToShow(
  deps: Deps,
  caller: Caller,
  photoId: string,
): Promise<Result<PhotoUpload>> {
  if (!caller.openid) return notSignedIn()
  const upload = await deps.store.read.photoUploads.byId(photoId)
  if (!upload) return photoNotFound()
  const member = await deps.store.read.members.byOpenid(caller.openid)
  const memberId = member?.id ?? null
  const asStaff = memberId === null && upload.complaintId !== null
  const answersComplaints = asStaff && (await requireStaff(deps, caller, 'reviewer')).ok
  const complaint =
    answersComplaints && upload.complaintId
      ? await deps.store.read.complaints.byId(upload.complaintId)
      : null
  return mayViewPhoto(upload, { memberId, answersComplaints }, complaint)
    ? ok(upload)
    : photoNotFound()
}

/** WeChat's verdict of a photo's media check, as its message push (`wxa_media_check`) carries it. */
export type PhotoVerdict = { traceId: string; suggest: 'pass' | 'review' | 'risky' }

/**
 * Records WeChat's verdict of a photo's media check (docs/security.md). The push cannot be told
 * from a member's call by who makes it (both reach the function with a user's openid), so the
 * trace id is the proof: WeChat gave it to the server only, and it never leaves the server. Only
 * the photo awaiting exactly that trace takes the verdict, once (`applyPhotoVerdict`); anything
 * else — an unknown trace, a second verdict — changes nothing and answers `applied: false`.
 */
export async function recordPhotoVerdict(
  deps: Deps,
  verdict: PhotoVerdict,
): Promise<Result<{ applied: boolean }>> {
  const applied = await deps.store.transaction(async (tx) => {
    const judged = applyPhotoVerdict(
      await tx.photoUploads.byCheckTrace(verdict.traceId),
      verdict.traceId,
      verdict.suggest,
    )
    if (!judged) return ok(false)
    if (!(await tx.photoUploads.save(judged)).ok) return writeConflict()
    return ok(true)
  })
  return applied.ok ? ok({ applied: applied.data }) : applied
}
