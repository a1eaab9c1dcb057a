import * as z from 'zod'
import {
  COMPLAINT_ANSWER_LENGTH,
  COMPLAINT_CATEGORIES,
  COMPLAINT_TEXT_LENGTH,
  MAX_COMPLAINT_PHOTOS,
  PHOTO_ID_PATTERN,
  type ComplaintCategory,
} from '../domain/care/complaint'
import type { MemberStatus } from '../domain/member/member'
import { trimmedText } from './fields'
import type { Page } from './page'

/** Schemas and views of complaints and suggestions (投诉与建议, SPEC §8), for member and admin. */

const photoId = z
  .string({ error: '图片无效，请重新上传' })
  .regex(PHOTO_ID_PATTERN, '图片无效，请重新上传')

export const fileComplaintInput = z
  .object({
    category: z.enum(COMPLAINT_CATEGORIES, { error: '请选择类别' }),
    text: trimmedText('内容', COMPLAINT_TEXT_LENGTH.min, COMPLAINT_TEXT_LENGTH.max),
    photos: z
      .array(photoId, { error: '图片无效，请重新上传' })
      .max(MAX_COMPLAINT_PHOTOS, `最多上传${MAX_COMPLAINT_PHOTOS}张图片`)
      .default([]),
  })
  .strict()
export type FileComplaintInput = z.output<typeof fileComplaintInput>

export const myComplaintsInput = z.object({}).strict()

export const complaintsInput = z
  .object({
    answered: z.boolean({ error: '请选择待回复或已回复' }).default(false),
    offset: z.number().int().min(0).max(100_000).default(0),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict()

export const answerComplaintInput = z
  .object({
    id: z.string({ error: '缺少投诉编号' }).min(1, '缺少投诉编号').max(64, '投诉编号不正确'),
    answer: trimmedText('回复', COMPLAINT_ANSWER_LENGTH.min, COMPLAINT_ANSWER_LENGTH.max),
  })
  .strict()

/** A complaint as its author sees it. */
export type ComplaintView = {
  id: string
  category: ComplaintCategory
  text: string
  photos: string[]
  createdAt: string
  /** The 48-hour reply target. */
  dueAt: string
  answer: string | null
  answeredAt: string | null
}

/** A row of the staff queue. */
export type StaffComplaintView = ComplaintView & {
  memberId: string
  realName: string
  shopName: string
  memberStatus: MemberStatus | null
  /** Unanswered past the 48-hour target, as of the page's `asOf`. */
  overdue: boolean
  /**
   * The complaint's photos staff do not see (`photos` holds only those that passed WeChat's media
   * check): `checking` still await the verdict, `refused` were judged risky.
   */
  photosWithheld: { checking: number; refused: number }
  /**
   * A short-lived link per photo kept in CloudBase storage (private; see PhotoLinks): what staff
   * open it by. Local photos have none (the host serves them).
   */
  photoLinks: Record<string, string>
}

export type StaffComplaintPage = Page<StaffComplaintView> & {
  /** The server's time the page was read at; the countdowns are measured from it. */
  asOf: string
}
