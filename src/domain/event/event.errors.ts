import { formatShanghaiDateTime } from '../shared/calendar'
import { fail } from '../shared/result'

export const EVENT_ERROR_CODES = [
  'EVENT.NOT_FOUND',
  'EVENT.NOT_PUBLISHED',
  'EVENT.CANCELLED',
  'EVENT.DRAFT_INVALID',
  'EVENT.CAPACITY_BELOW_CONFIRMED',
  'EVENT.ALREADY_STARTED',
  'EVENT.CLUB_ONLY',
  'EVENT.STAR_TOO_LOW',
  'EVENT.SIGNUP_NOT_OPEN',
  'EVENT.SIGNUP_CLOSED',
  'EVENT.BLOCKED',
  'EVENT.MEMBER_NOT_ACTIVE',
  'EVENT.ACK_REQUIRED',
  'EVENT.ALREADY_SIGNED_UP',
  'EVENT.NOT_SIGNED_UP',
  'EVENT.CANCEL_TOO_LATE',
  'EVENT.NOT_CONFIRMED',
  'EVENT.ALREADY_CHECKED_IN',
  'EVENT.CHECK_IN_CLOSED',
  'EVENT.NOT_SELECTION',
  'EVENT.FULL',
  'EVENT.SIGNUP_QUEUED',
] as const
export type EventErrorCode = (typeof EVENT_ERROR_CODES)[number]

export const eventNotFound = () => fail('EVENT.NOT_FOUND', '未找到该活动')
export const eventNotPublished = () => fail('EVENT.NOT_PUBLISHED', '活动尚未发布')
export const eventCancelled = () => fail('EVENT.CANCELLED', '活动已取消')
export const draftInvalid = (fields: Record<string, string>) =>
  fail('EVENT.DRAFT_INVALID', '活动信息有误，请检查', fields)
export const capacityBelowConfirmed = (confirmed: number) =>
  fail('EVENT.CAPACITY_BELOW_CONFIRMED', `已有${confirmed}人确认参加，名额不能少于此数`, {
    capacity: `不能少于已确认的${confirmed}人`,
  })
export const alreadyStarted = () => fail('EVENT.ALREADY_STARTED', '活动已开始，不能再修改')
export const clubOnly = () => fail('EVENT.CLUB_ONLY', '仅限俱乐部会员')
export const starTooLowFor = (minStar: number) =>
  fail('EVENT.STAR_TOO_LOW', `需${'一二三四五'[minStar - 1]}星及以上`)
export const signupNotOpen = (opensAt: string) =>
  fail('EVENT.SIGNUP_NOT_OPEN', `报名尚未开始（${opensAt} 开始）`)
export const signupClosed = () => fail('EVENT.SIGNUP_CLOSED', '报名已截止')
export const blocked = (until: string) =>
  fail('EVENT.BLOCKED', `因多次报名未到场，${until} 前不能报名活动`)
export const memberNotActive = () => fail('EVENT.MEMBER_NOT_ACTIVE', '当前账号状态不能报名活动')
export const ackRequired = () =>
  fail('EVENT.ACK_REQUIRED', '请阅读并同意活动须知', { acknowledged: '请阅读并同意活动须知' })
export const alreadySignedUp = () => fail('EVENT.ALREADY_SIGNED_UP', '您已报名该活动')
export const notSignedUp = () => fail('EVENT.NOT_SIGNED_UP', '您没有报名该活动')
export const cancelTooLate = () => fail('EVENT.CANCEL_TOO_LATE', '活动当天16:00后不能取消报名')
export const notConfirmed = () => fail('EVENT.NOT_CONFIRMED', '该会员没有确认的报名，不能签到')
/** A member scanned again after checking in: said with the time, so the clerk can wave them on. */
export const alreadyCheckedIn = (checkedInAt: string) =>
  fail('EVENT.ALREADY_CHECKED_IN', `已签到（${formatShanghaiDateTime(checkedInAt).slice(11)}）`)
export const checkInClosed = () =>
  fail('EVENT.CHECK_IN_CLOSED', '不在签到时间内（活动开始前2小时至结束后1小时）')
export const notSelection = () => fail('EVENT.NOT_SELECTION', '该活动不是遴选制')
export const eventFull = () => fail('EVENT.FULL', '名额已满')
/** Still in the queue when the function had to answer: the same request, sent again, gets the result. */
export const signupQueued = () =>
  fail('EVENT.SIGNUP_QUEUED', '报名人数较多，正在按到达顺序处理，请稍候查看报名结果')
