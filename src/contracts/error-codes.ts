import { CARD_ERROR_CODES } from '../domain/card/card.errors'
import { CLUB_ERROR_CODES } from '../domain/club/club.errors'
import { EVENT_ERROR_CODES } from '../domain/event/event.errors'
import { STAR_ERROR_CODES } from '../domain/star/star.errors'
import { COMMON_ERROR_CODES } from '../domain/shared/common.errors'
import { MEMBER_ERROR_CODES } from '../domain/member/member.errors'
import { POINTS_ERROR_CODES } from '../domain/points/points.errors'
import { COMPLAINT_ERROR_CODES } from '../domain/care/care.errors'
import { DISCIPLINE_ERROR_CODES } from '../domain/discipline/discipline.errors'
import { PRIVACY_ERROR_CODES } from '../domain/privacy/privacy.errors'
import { STAFF_ERROR_CODES } from '../domain/staff/staff.errors'
import type { DomainError } from '../domain/shared/result'

/** Every code a function can return; the client's message table must cover each one. */
export const ERROR_CODES = [
  ...COMMON_ERROR_CODES,
  ...MEMBER_ERROR_CODES,
  ...POINTS_ERROR_CODES,
  ...CARD_ERROR_CODES,
  ...STAR_ERROR_CODES,
  ...CLUB_ERROR_CODES,
  ...EVENT_ERROR_CODES,
  ...COMPLAINT_ERROR_CODES,
  ...DISCIPLINE_ERROR_CODES,
  ...PRIVACY_ERROR_CODES,
  ...STAFF_ERROR_CODES,
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** Codes the client produces itself (the call never reached a function). */
export type ClientErrorCode = 'NETWORK'

export type ApiError = DomainError<ErrorCode | ClientErrorCode>

/** What every call returns: `{ok:true,data}` or `{ok:false,error:{code,message,fields?}}`. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError }
