import type { MemberStatus } from '../member/member'
import { invalidInput } from '../shared/common.errors'
import { ok, type Result } from '../shared/result'
import { complaintAccountClosed, complaintAnswered, complaintNotYetMember } from './care.errors'

/** What a complaint or suggestion (投诉与建议, SPEC §8) is about. */
export const COMPLAINT_CATEGORIES = [
  'service',
  'product',
  'points',
  'event',
  'suggestion',
  'other',
] as const
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number]

/** Staff aim to reply within 48 hours of filing (SPEC §8). */
export const REPLY_TARGET_HOURS = 48
const REPLY_TARGET_MS = REPLY_TARGET_HOURS * 60 * 60 * 1000

/** Lengths in UTF-16 units, as the contract's schemas count them. */
export const COMPLAINT_TEXT_LENGTH = { min: 5, max: 500 } as const
export const COMPLAINT_ANSWER_LENGTH = { min: 2, max: 500 } as const
export const MAX_COMPLAINT_PHOTOS = 3

/**
 * A stored photo: a CloudBase storage fileID (`cloud://…`, the mini-program) or a file kept by the
 * local host (`local://…`, the H5 build). Nothing else, so no arbitrary URL is ever shown to staff.
 */
export const PHOTO_ID_PATTERN = /^(cloud|local):\/\/[A-Za-z0-9._/-]{1,200}$/

export type Complaint = {
  id: string
  memberId: string
  category: ComplaintCategory
  text: string
  /** Photo ids (see PHOTO_ID_PATTERN), at most MAX_COMPLAINT_PHOTOS. */
  photos: string[]
  createdAt: string
  /** The reply target: 48 hours after filing. */
  dueAt: string
  answer: string | null
  answeredBy: string | null
  answeredAt: string | null
  version: number
}

export type ComplaintForm = { category: ComplaintCategory; text: string; photos: readonly string[] }

/**
 * Who may file: an active member, and a suspended one too (a complaint is how a sanctioned member
 * objects, SPEC §8). An applicant is not a member yet; a cancelled or withdrawn account is closed.
 */
export function mayFileComplaint(status: MemberStatus): Result<MemberStatus> {
  switch (status) {
    case 'active':
    case 'suspended':
      return ok(status)
    case 'pending':
    case 'rejected':
      return complaintNotYetMember()
    case 'cancelled':
    case 'withdrawn':
      return complaintAccountClosed()
  }
}

/** The reply target of a complaint filed at `createdAt`: exactly 48 hours later. */
export function complaintDueAt(createdAt: Date): string {
  return new Date(createdAt.getTime() + REPLY_TARGET_MS).toISOString()
}

const lengthIn = (text: string, range: { min: number; max: number }) =>
  text.length >= range.min && text.length <= range.max

/**
 * A new complaint, unanswered, due 48 hours after `now`. The text is trimmed and must be 5–500
 * characters; at most 3 photos, each a storage id; an unknown category is refused.
 */
export function newComplaint(
  id: string,
  memberId: string,
  form: ComplaintForm,
  now: Date,
): Result<Complaint> {
  const text = form.text.trim()
  const fields: Record<string, string> = {}
  if (!(COMPLAINT_CATEGORIES as readonly string[]).includes(form.category))
    fields.category = '请选择类别'
  if (!lengthIn(text, COMPLAINT_TEXT_LENGTH)) fields.text = '内容为5–500个字'
  if (form.photos.length > MAX_COMPLAINT_PHOTOS) fields.photos = '最多上传3张图片'
  else if (form.photos.some((photo) => !PHOTO_ID_PATTERN.test(photo)))
    fields.photos = '图片无效，请重新上传'
  if (Object.keys(fields).length) return invalidInput(fields)
  return ok({
    id,
    memberId,
    category: form.category,
    text,
    photos: [...form.photos],
    createdAt: now.toISOString(),
    dueAt: complaintDueAt(now),
    answer: null,
    answeredBy: null,
    answeredAt: null,
    version: 1,
  })
}

/**
 * Overdue: still unanswered when the 48 hours are up. At 48h00m00s exactly it is overdue; one
 * millisecond before it is not. An answered complaint is never overdue, however late the answer.
 */
export function isOverdue(complaint: Pick<Complaint, 'answer' | 'dueAt'>, now: Date): boolean {
  return complaint.answer === null && now.getTime() >= Date.parse(complaint.dueAt)
}

/**
 * Time left until the reply target, for the staff queue: whole hours and minutes left, or (when
 * overdue) how long past it, rounded down to the minute.
 */
export function replyCountdown(
  complaint: Pick<Complaint, 'answer' | 'dueAt'>,
  now: Date,
): { overdue: boolean; hours: number; minutes: number } {
  const overdue = isOverdue(complaint, now)
  const minutes = Math.floor(Math.abs(Date.parse(complaint.dueAt) - now.getTime()) / 60_000)
  return { overdue, hours: Math.floor(minutes / 60), minutes: minutes % 60 }
}

/**
 * Staff answer a complaint once (2–500 characters, trimmed); a second answer is refused so nobody
 * overwrites what the member has already read.
 */
export function answerComplaint(
  complaint: Complaint,
  answer: string,
  staffId: string,
  now: Date,
): Result<Complaint> {
  if (complaint.answer !== null) return complaintAnswered()
  const text = answer.trim()
  if (!lengthIn(text, COMPLAINT_ANSWER_LENGTH)) return invalidInput({ answer: '回复为2–500个字' })
  return ok({
    ...complaint,
    answer: text,
    answeredBy: staffId,
    answeredAt: now.toISOString(),
    version: complaint.version + 1,
  })
}
