import type {
  ComplaintView,
  StaffComplaintPage,
  StaffComplaintView,
} from '../../../src/contracts/complaints'
import { complaintNotFound } from '../../../src/domain/care/care.errors'
import {
  answerComplaint as answer,
  isOverdue,
  mayFileComplaint,
  newComplaint,
  type Complaint,
  type ComplaintForm,
} from '../../../src/domain/care/complaint'
import {
  attachPhotos,
  mayRecordCloudPhotos,
  passedPhotoCheck,
  photoWindowStart,
  type PhotoUpload,
} from '../../../src/domain/care/photo-upload'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { auditOf } from '../audit'
import { requireMember, requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import { everyPhotoChecked, startPhotoChecks } from '../photo-checks'
import type { Deps } from '../ports'

const viewOf = (c: Complaint): ComplaintView => ({
  id: c.id,
  category: c.category,
  text: c.text,
  photos: c.photos,
  createdAt: c.createdAt,
  dueAt: c.dueAt,
  answer: c.answer,
  answeredAt: c.answeredAt,
})

/** The member's own complaints and suggestions, newest first, with the staff answers. */
export async function myComplaints(deps: Deps, caller: Caller): Promise<Result<ComplaintView[]>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  return ok((await deps.store.read.complaints.forMember(member.data.id)).map(viewOf))
}

/**
 * A member files a complaint or suggestion (SPEC §8), due for an answer within 48 hours. Active
 * and suspended members may (a suspended member objects this way); staff have no member account.
 * Each photo must be one the member uploaded and no complaint holds yet (see `attachPhotos`); it
 * becomes part of this complaint in the same transaction, so no two complaints ever share one.
 * Its WeChat media check is started first; staff see it once it passes (`startPhotoChecks`).
 */
export async function fileComplaint(
  deps: Deps,
  caller: Caller,
  input: ComplaintForm,
  requestId: string,
): Promise<Result<ComplaintView>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const checks = await startPhotoChecks(deps, caller, {
    memberId: member.data.id,
    photos: input.photos,
  })
  if (!checks.ok) return checks
  const key = { requestId, openid: caller.openid, fn: 'member', action: 'fileComplaint' }
  return idempotent(deps, key, async (tx) => {
    // The status is read inside the transaction, so a sanction that lands meanwhile counts.
    const current = await tx.members.byId(member.data.id)
    const allowed = mayFileComplaint(current?.status ?? member.data.status)
    if (!allowed.ok) return allowed
    const now = deps.clock.now()
    const complaint = newComplaint(deps.ids.next(), member.data.id, input, now)
    if (!complaint.ok) return complaint
    const stored: (PhotoUpload | null)[] = []
    for (const photo of complaint.data.photos) stored.push(await tx.photoUploads.byId(photo))
    const photos = attachPhotos(complaint.data.photos, stored, {
      memberId: member.data.id,
      complaintId: complaint.data.id,
      cloudEnv: deps.settings.cloudStorageEnv,
      now,
      checks: checks.data,
    })
    if (!photos.ok) return photos
    // Photos uploaded straight to CloudBase storage count against the quota as they are first named.
    const fresh = stored.filter((upload) => upload === null).length
    const usage =
      fresh > 0 ? await tx.photoUploads.usageSince(member.data.id, photoWindowStart(now)) : null
    const fits = usage ? mayRecordCloudPhotos(usage, fresh) : null
    if (fits && !fits.ok) return fits
    // Refused before any check started, now accepted (a race): filed unchecked it would never show.
    if (!everyPhotoChecked(photos.data)) return writeConflict()
    if (!(await tx.complaints.save(complaint.data)).ok) return writeConflict()
    for (const photo of photos.data) {
      if (!(await tx.photoUploads.save(photo)).ok) return writeConflict()
    }
    return ok(viewOf(complaint.data))
  })
}

/**
 * A complaint's photos as staff get them: those that passed WeChat's media check, and how many
 * others are still being checked or were refused. A photo without a record shows nothing.
 */
function photosForStaff(
  ids: readonly string[],
  stored: readonly (PhotoUpload | null)[],
): Pick<StaffComplaintView, 'photos' | 'photosWithheld'> {
  const held = stored.filter((photo): photo is PhotoUpload => photo !== null)
  return {
    photos: ids.filter((_, i) => {
      const photo = stored[i]
      return photo ? passedPhotoCheck(photo) : false
    }),
    photosWithheld: {
      checking: held.filter((photo) => photo.check === 'pending').length,
      refused: held.filter((photo) => photo.check === 'risky').length,
    },
  }
}

/**
 * Links for the photos of a page staff may see, in one request (CloudBase storage). When storage
 * cannot answer, the queue still shows, without the photos' links (logged).
 */
async function staffLinks(deps: Deps, photoIds: string[]): Promise<Record<string, string>> {
  try {
    return await deps.photoLinks.forStaff(photoIds)
  } catch (error) {
    deps.logger.error('photo links failed', {
      error: error instanceof Error ? error.message : String(error),
    })
    return {}
  }
}

/**
 * The staff queue (reviewers and admins): open complaints by reply target, most overdue first, or
 * answered ones, newest answer first; each flagged overdue by the domain rule at the server's time.
 */
export async function listComplaints(
  deps: Deps,
  caller: Caller,
  input: { answered: boolean; offset: number; limit: number },
): Promise<Result<StaffComplaintPage>> {
  const staff = await requireStaff(deps, caller, 'reviewer')
  if (!staff.ok) return staff
  const now = deps.clock.now()
  const page = await deps.store.read.complaints.list(input.answered, input.offset, input.limit)
  const rows = await Promise.all(
    page.items.map(async (c): Promise<Omit<StaffComplaintView, 'photoLinks'>> => {
      const member = await deps.store.read.members.byId(c.memberId)
      const photos = await Promise.all(c.photos.map((id) => deps.store.read.photoUploads.byId(id)))
      return {
        ...viewOf(c),
        ...photosForStaff(c.photos, photos),
        memberId: c.memberId,
        realName: member?.realName ?? '',
        shopName: member?.shopName ?? '',
        memberStatus: member?.status ?? null,
        overdue: isOverdue(c, now),
      }
    }),
  )
  const links = await staffLinks(
    deps,
    rows.flatMap((row) => row.photos),
  )
  const items = rows.map((row) => ({
    ...row,
    photoLinks: Object.fromEntries(
      row.photos.flatMap((id) => (links[id] ? [[id, links[id]] as const] : [])),
    ),
  }))
  return ok({ items, total: page.total, asOf: now.toISOString() })
}

/** Staff answer a complaint once; audited, and the member is notified and reads it in the app. */
export async function answerComplaint(
  deps: Deps,
  caller: Caller,
  input: { id: string; answer: string },
  requestId: string,
): Promise<Result<ComplaintView>> {
  const staff = await requireStaff(deps, caller, 'reviewer')
  if (!staff.ok) return staff
  const key = { requestId, openid: caller.openid, fn: 'admin', action: 'answerComplaint' }
  return idempotent(deps, key, async (tx) => {
    const complaint = await tx.complaints.byId(input.id)
    if (!complaint) return complaintNotFound()
    const now = deps.clock.now()
    const answered = answer(complaint, input.answer, staff.data.id, now)
    if (!answered.ok) return answered
    if (!(await tx.complaints.save(answered.data)).ok) return writeConflict()
    await tx.audit.append(
      auditOf(deps, staff.data, {
        action: 'complaint.answer',
        targetType: 'complaint',
        targetId: complaint.id,
        before: { answer: null },
        after: {
          answer: answered.data.answer,
          answeredAt: answered.data.answeredAt,
          overdue: isOverdue(complaint, now),
        },
        reason: null,
        requestId,
        now,
      }),
    )
    await tx.outbox.add({
      id: `complaint-answered:${complaint.id}`,
      memberId: complaint.memberId,
      kind: 'complaint.answered',
      payload: { complaintId: complaint.id, category: complaint.category },
      createdAt: now.toISOString(),
      status: 'pending',
    })
    return ok(viewOf(answered.data))
  })
}
