/**
 * Who may call each action of each function (SPEC §1), and one payload per action that its schema
 * accepts, built over a small seeded scene. The authorisation matrix sends these as everyone; the
 * fuzz suite spoils them. Both check that every action of every contract is listed here.
 */
import type { Deps } from '../../cloudfunctions/_shared/ports'
import { adminContract } from '@/contracts/admin.contract'
import { cardContract } from '@/contracts/card.contract'
import type { ActionSpec } from '@/contracts/define'
import { eventsContract } from '@/contracts/events.contract'
import { jobsContract } from '@/contracts/jobs.contract'
import { memberContract } from '@/contracts/member.contract'
import { pointsContract } from '@/contracts/points.contract'
import { aPublishedEvent, anEventDraft } from './event-flow'
import { aMemberAtTheCounter } from './points-flow'
import { addStaff } from './test-deps'

/** `anonymous` has no WeChat identity at all; `guest` is a WeChat user without an account. */
export type Who = 'anonymous' | 'guest' | 'member' | 'clerk' | 'reviewer' | 'admin'
export const EVERYONE: readonly Who[] = [
  'anonymous',
  'guest',
  'member',
  'clerk',
  'reviewer',
  'admin',
]

const MEMBER: Who[] = ['member']
const CLERK: Who[] = ['clerk', 'admin']
export const REVIEWER: Who[] = ['reviewer', 'admin']
const ADMIN: Who[] = ['admin']
const SIGNED_IN: Who[] = ['guest', 'member', 'clerk', 'reviewer', 'admin']

/** Every contract, by function name. */
export const CONTRACTS: Record<string, Record<string, ActionSpec>> = {
  member: memberContract.actions,
  card: cardContract.actions,
  points: pointsContract.actions,
  events: eventsContract.actions,
  admin: adminContract.actions,
  jobs: jobsContract.actions,
}

export const WHO_MAY: Record<string, Record<string, Who[]>> = {
  member: {
    register: ['guest', 'member'],
    me: SIGNED_IN,
    star: MEMBER,
    applyClub: MEMBER,
    leaveClub: MEMBER,
    suggestions: MEMBER,
    suggest: MEMBER,
    fileComplaint: MEMBER,
    myComplaints: MEMBER,
    mySanctions: MEMBER,
    appealSanction: MEMBER,
    myData: MEMBER,
    correctData: MEMBER,
    exportData: MEMBER,
    consent: MEMBER,
    requestWithdrawal: MEMBER,
    cancelWithdrawal: MEMBER,
    myWithdrawal: MEMBER,
    notificationSettings: SIGNED_IN,
    subscribe: MEMBER,
    // A member account, and active staff, are refused whatever the code (SPEC §1).
    acceptStaffInvite: ['guest'],
  },
  card: { mine: MEMBER, verify: CLERK, rekey: MEMBER },
  points: {
    overview: MEMBER,
    history: MEMBER,
    catalogue: MEMBER,
    redeem: MEMBER,
    vouchers: MEMBER,
    lookupCard: CLERK,
    earnPurchase: CLERK,
    useVoucher: CLERK,
    allItems: ADMIN,
    saveItem: ADMIN,
    memberLedger: ADMIN,
    adjust: ADMIN,
    reverse: ADMIN,
  },
  events: {
    list: MEMBER,
    detail: MEMBER,
    signUp: MEMBER,
    cancelSignup: MEMBER,
    mySignups: MEMBER,
    adminList: ADMIN,
    save: ADMIN,
    publish: ADMIN,
    cancel: ADMIN,
    roster: ['clerk', 'reviewer', 'admin'],
    select: REVIEWER,
    closeSelection: REVIEWER,
    exportAttendance: REVIEWER,
    checkInEvents: CLERK,
    checkIn: CLERK,
  },
  admin: {
    registrations: REVIEWER,
    approveRegistration: REVIEWER,
    rejectRegistration: REVIEWER,
    clubApplications: REVIEWER,
    approveClub: REVIEWER,
    rejectClub: REVIEWER,
    starSettings: ADMIN,
    workbench: ['clerk', 'reviewer', 'admin'],
    setStarThresholds: ADMIN,
    previewStarImport: ADMIN,
    applyStarImport: ADMIN,
    memberStars: ADMIN,
    overrideStar: ADMIN,
    clubSuggestions: REVIEWER,
    answerSuggestion: REVIEWER,
    complaints: REVIEWER,
    answerComplaint: REVIEWER,
    issueSanction: ADMIN,
    sanctions: ADMIN,
    memberSanctions: ADMIN,
    appeals: ADMIN,
    decideAppeal: ADMIN,
    withdrawals: REVIEWER,
    confirmWithdrawal: REVIEWER,
    reports: ADMIN,
    exportReport: ADMIN,
    auditLog: ADMIN,
    staff: ADMIN,
    inviteStaff: ADMIN,
    cancelStaffInvite: ADMIN,
    changeStaffRole: ADMIN,
    changeStaffSite: ADMIN,
    revokeStaff: ADMIN,
  },
  jobs: {
    expirePoints: ADMIN,
    expiryProgress: ADMIN,
    adjustStars: ADMIN,
    adjustmentProgress: ADMIN,
    markNoShows: ADMIN,
    endSuspensions: ADMIN,
    sendNotifications: ADMIN,
    remindEvents: ADMIN,
    settleSignupQueues: ADMIN,
    settlePurchaseCredits: ADMIN,
  },
}

/** An active member at the counter with their clerk, a reviewer, an admin and a published event. */
export async function aSeededScene(deps: Deps) {
  const { member, clerk } = await aMemberAtTheCounter(deps)
  const admin = await addStaff(deps, 'admin')
  const event = await aPublishedEvent(deps, {}, admin)
  const reviewer = await addStaff(deps, 'reviewer')
  return { member, clerk, admin, reviewer, event }
}
export type Scene = Awaited<ReturnType<typeof aSeededScene>>

export type Payloads = Record<string, Record<string, Record<string, unknown>>>

/** A payload each action's schema accepts, naming the scene's member, card and event. */
export function validPayloads(deps: Deps, scene: Scene): Payloads {
  const { member, event } = scene
  const cardNo = member.cardNo!
  const { id: _id, ...draft } = anEventDraft(deps)
  return {
    member: {
      register: {
        realName: '张三丰',
        mobile: '13912345678',
        shopName: '矩阵便利店',
        shopAddress: '南京市玄武区矩阵路1号',
        licenceNo: '320100777777',
        birthday: '1980-01-01',
        consentVersion: deps.settings.policyVersion,
      },
      me: {},
      star: {},
      applyClub: {},
      leaveClub: {},
      suggestions: {},
      suggest: { text: '希望多办品鉴会' },
      fileComplaint: { category: 'service', text: '门店服务态度差' },
      myComplaints: {},
      mySanctions: {},
      appealSanction: { sanctionId: 'sn-x', text: '我要申诉此处分' },
      myData: {},
      correctData: { shopName: '矩阵超市' },
      exportData: {},
      consent: { version: deps.settings.policyVersion },
      requestWithdrawal: {},
      cancelWithdrawal: {},
      myWithdrawal: {},
      notificationSettings: {},
      subscribe: { accepted: [] },
      acceptStaffInvite: { code: 'ABCDE-FGHJK-MNPQR-STVWX' },
    },
    card: { mine: {}, verify: { code: 'RCC1.860000000017.1.1.abc' }, rekey: {} },
    points: {
      overview: {},
      history: {},
      catalogue: {},
      redeem: { itemId: 'item-x' },
      vouchers: {},
      lookupCard: { cardNo },
      earnPurchase: { cardNo, lines: [{ category: 'food', amountFen: 100 }] },
      useVoucher: { code: 'V123456789', cardNo },
      allItems: {},
      saveItem: { name: '精品茶具', pointsPrice: 100, stock: 1 },
      memberLedger: { cardNo },
      adjust: { cardNo, points: 10, reason: '补录漏积分' },
      reverse: { entryId: 'entry-x', reason: '录错会员' },
    },
    events: {
      list: { when: 'upcoming' },
      detail: { eventId: event.id },
      signUp: { eventId: event.id, acknowledged: true },
      cancelSignup: { eventId: event.id },
      mySignups: {},
      adminList: {},
      save: draft,
      publish: { eventId: event.id },
      cancel: { eventId: 'event-x', reason: '天气原因' },
      roster: { eventId: event.id },
      select: { eventId: event.id, memberId: member.id },
      closeSelection: { eventId: event.id },
      exportAttendance: { eventId: event.id },
      checkInEvents: {},
      checkIn: { eventId: event.id, code: 'RCC1.860000000017.1.1.abc' },
    },
    admin: {
      registrations: {},
      approveRegistration: { memberId: 'member-x' },
      rejectRegistration: { memberId: 'member-x', reason: '资料不全' },
      clubApplications: {},
      approveClub: { memberId: member.id },
      rejectClub: { memberId: member.id, reason: '资料不全' },
      starSettings: {},
      workbench: {},
      setStarThresholds: { effectiveYear: 2027, thresholds: [1000, 2000, 3000, 4000] },
      previewStarImport: { year: 2027, csv: '320100000001,3' },
      applyStarImport: { year: 2027, csv: '320100000001,3' },
      memberStars: { cardNo },
      overrideStar: { memberId: member.id, star: 4, reason: '年度优秀' },
      clubSuggestions: { answered: true },
      answerSuggestion: { id: 'sg-1', answer: '感谢建议' },
      complaints: {},
      answerComplaint: { id: 'cp-x', answer: '已处理' },
      issueSanction: { memberId: 'member-x', kind: 'warning', reason: '违反会员守则' },
      sanctions: {},
      memberSanctions: { cardNo },
      appeals: {},
      decideAppeal: { sanctionId: 'sn-x', decision: 'upheld', note: '维持原处分' },
      withdrawals: {},
      confirmWithdrawal: { id: 'wd-x' },
      reports: { year: 2026 },
      exportReport: { year: 2026, report: 'members' },
      auditLog: {},
      staff: {},
      inviteStaff: { role: 'clerk', name: '李新' },
      cancelStaffInvite: { inviteId: 'invite-x' },
      // Nobody by that id: the scene's staff keep their roles for the other cases.
      changeStaffRole: { staffId: 'staff-x', role: 'reviewer', reason: '调岗' },
      changeStaffSite: { staffId: 'staff-x', site: '秦淮夫子庙门店', reason: '调店' },
      revokeStaff: { staffId: 'staff-x', reason: '已离职' },
    },
    jobs: {
      expirePoints: { limit: 1 },
      expiryProgress: {},
      adjustStars: { year: 2025, limit: 1 },
      adjustmentProgress: { year: 2025 },
      markNoShows: {},
      endSuspensions: {},
      sendNotifications: {},
      remindEvents: {},
      settleSignupQueues: {},
      settlePurchaseCredits: {},
    },
  }
}
