import * as z from 'zod'
import { isCalendarDate } from '../domain/shared/calendar'
import { isPlaceholderName } from '../domain/member/real-name'
import { LICENCE_NO_PATTERN, normaliseLicenceNo } from '../domain/member/licence'
import { ARRIVAL_CHANNELS, type MemberStatus } from '../domain/member/member'
import type { Role, StaffRole } from '../domain/member/roles'
import type { StarValue } from '../domain/star/star'
import type { ClubState } from '../domain/club/club'
import { defineContract } from './define'
import { trimmedText } from './fields'
import { suggestInput } from './star-club'
import { fileComplaintInput, myComplaintsInput } from './complaints'
import { consentInput, requestWithdrawalInput } from './privacy'
import { appealSanctionInput } from './discipline'
import { subscribeInput } from './notifications'
import { acceptStaffInviteInput } from './staff'

const trimmed = (schema: z.ZodString) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), schema)

/** The registration form (SPEC §2), shared by the page's live validation and the function. */
export const registerInput = z
  .object({
    realName: trimmedText('姓名', 2, 20, { layout: 'line', missing: '请填写真实姓名' }).refine(
      (v) => !isPlaceholderName(v),
      '请填写真实姓名',
    ),
    /** Typed on the local host; in the mini-program the number comes from `phoneCode` instead. */
    mobile: trimmed(
      z.string({ error: '请填写手机号' }).regex(/^1[3-9]\d{9}$/, '请填写11位大陆手机号'),
    ).optional(),
    /** The single-use code of WeChat's phone authorisation (getPhoneNumber), exchanged server-side. */
    phoneCode: z.string().min(1, '请重新授权手机号').max(128, '请重新授权手机号').optional(),
    shopName: trimmedText('店铺名称', 2, 40, { layout: 'line' }),
    shopAddress: trimmedText('店铺地址', 5, 100, { layout: 'line' }),
    licenceNo: z.preprocess(
      (v) => (typeof v === 'string' ? normaliseLicenceNo(v) : v),
      z
        .string({ error: '请填写烟草专卖零售许可证号' })
        .regex(LICENCE_NO_PATTERN, '许可证号为8–20位数字或字母'),
    ),
    birthday: z
      .string({ error: '请选择出生日期' })
      .min(1, '请选择出生日期')
      .refine(isCalendarDate, '请选择正确的出生日期（年-月-日）'),
    consentVersion: z
      .string({ error: '请阅读并同意会员协议与隐私政策' })
      .min(1, '请阅读并同意会员协议与隐私政策')
      .max(32),
    referralCode: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toUpperCase() || undefined : v),
      z
        .string()
        .regex(/^R[0-9A-Z]{5}$/, '推荐码为R开头的6位字符')
        .optional(),
    ),
    channel: z.enum(ARRIVAL_CHANNELS, { error: '来源渠道不正确' }).optional(),
  })
  .strict()
  .refine((form) => form.mobile !== undefined || form.phoneCode !== undefined, {
    path: ['mobile'],
    message: '请授权或填写手机号',
    // Asked together with the other fields, not only once they are all valid.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  })
export type RegisterInput = z.infer<typeof registerInput>

/**
 * 更正资料 (SPEC §9): the registration form's own fields and rules, each optional, at least one
 * given. The mobile is typed on the local host; in the mini-program it comes from WeChat's phone
 * authorisation (`phoneCode`), as at registration. The licence number is corrected by staff only.
 */
export const correctDataInput = z
  .object({
    realName: registerInput.shape.realName.optional(),
    mobile: registerInput.shape.mobile,
    phoneCode: registerInput.shape.phoneCode,
    shopName: registerInput.shape.shopName.optional(),
    shopAddress: registerInput.shape.shopAddress.optional(),
    birthday: registerInput.shape.birthday.optional(),
  })
  .strict()
  .refine((f) => Object.values(f).some((v) => v !== undefined), {
    path: ['_'],
    message: '请至少修改一项资料',
  })
export type CorrectDataInput = z.infer<typeof correctDataInput>

export const memberContract = defineContract('member', {
  register: {
    input: registerInput,
    mutating: true,
    limit: 'registration',
    userText: { scene: 'profile', fields: ['realName', 'shopName', 'shopAddress'] },
  },
  me: { input: z.object({}).strict(), mutating: false },
  /** The member's star page: this year's star, history, progress and club standing. */
  star: { input: z.object({}).strict(), mutating: false },
  /** Apply to the club (SPEC §4: ≥ 3★ this year). */
  applyClub: { input: z.object({}).strict(), mutating: true },
  /** Leave the club by choice; platform membership and points stay. */
  leaveClub: { input: z.object({}).strict(), mutating: true },
  /** The club's suggestion box (club members only): mine, with staff answers. */
  suggestions: { input: z.object({}).strict(), mutating: false },
  suggest: {
    input: suggestInput,
    mutating: true,
    limit: 'filing',
    userText: { scene: 'comment', fields: ['text'] },
  },
  /** 投诉与建议 (SPEC §8): file one (active or suspended members), answered within 48 hours. */
  fileComplaint: {
    input: fileComplaintInput,
    mutating: true,
    limit: 'filing',
    userText: { scene: 'comment', fields: ['text'] },
  },
  myComplaints: { input: myComplaintsInput, mutating: false },
  /** 我的数据 (SPEC §9): view, correct and export one's own data; re-consent; withdraw. */
  myData: { input: z.object({}).strict(), mutating: false },
  correctData: {
    input: correctDataInput,
    mutating: true,
    limit: 'dataCorrection',
    userText: { scene: 'profile', fields: ['realName', 'shopName', 'shopAddress'] },
  },
  /** Mutating because each export is audited (once per request id). */
  exportData: { input: z.object({}).strict(), mutating: true, limit: 'export' },
  consent: { input: consentInput, mutating: true },
  requestWithdrawal: {
    input: requestWithdrawalInput,
    mutating: true,
    userText: { scene: 'comment', fields: ['reason'] },
  },
  cancelWithdrawal: { input: z.object({}).strict(), mutating: true },
  myWithdrawal: { input: z.object({}).strict(), mutating: false },
  /** 我的处分 (SPEC §8): own sanctions with their appeals; open to suspended and cancelled members. */
  mySanctions: { input: z.object({}).strict(), mutating: false },
  /** Appeal one of my sanctions, once. */
  appealSanction: {
    input: appealSanctionInput,
    mutating: true,
    limit: 'filing',
    userText: { scene: 'comment', fields: ['text'] },
  },
  /** The subscribe-message template ids to ask WeChat for, and the member's unused sends. */
  notificationSettings: { input: z.object({}).strict(), mutating: false },
  /** Templates accepted in WeChat's subscribe dialog: one more send of each (SPEC §10). */
  subscribe: { input: subscribeInput, mutating: true },
  /** 接受员工邀请: a WeChat user without a member account becomes staff with an admin's code. */
  acceptStaffInvite: { input: acceptStaffInviteInput, mutating: true, limit: 'inviteCode' },
})

/** What the signed-in person sees of their own account. */
export type MemberSelfView = {
  id: string
  status: MemberStatus
  realName: string
  mobileMasked: string
  shopName: string
  shopAddress: string
  licenceMasked: string
  birthday: string
  cardNo: string | null
  referralCode: string | null
  star: StarValue | null
  starYear: number
  /** Last year's star, to mark the moment a higher one is reached (升星); null when none. */
  previousStar: StarValue | null
  /** The club standing (SPEC §4), for the badge on the card. */
  clubState: ClubState
  rejectReason: string | null
  submittedAt: string
  reviewedAt: string | null
  consentVersion: string
  /** The submission in clear, while pending or rejected, to show it and prefill its correction. */
  resubmitForm: RegisterInput | null
  /** How many sanctions the member has had (SPEC §8), to show the 我的处分 entry. */
  sanctionCount: number
  /** The last day of a suspension being served (YYYY-MM-DD); null when not suspended. */
  suspendedUntil: string | null
}

/** A staff member's own account, for their 我的 page. */
export type StaffSelfView = { name: string; role: StaffRole; site: string | null; since: string }

export type MeView = {
  role: Role
  /** The policy version in force, for the consent checkbox. */
  policyVersion: string
  member: MemberSelfView | null
  /** Set for active staff (who never hold a member account). */
  staff: StaffSelfView | null
}

export type RegisterOutput = { memberId: string; status: MemberStatus }
