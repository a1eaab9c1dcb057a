import type { Caller } from '../../cloudfunctions/_shared/caller'
import type { FunctionHandler } from '../../cloudfunctions/_shared/handler'
import { adminFunction } from '../../cloudfunctions/admin/index'
import { cardFunction } from '../../cloudfunctions/card/index'
import { eventsFunction } from '../../cloudfunctions/events/index'
import { jobsFunction } from '../../cloudfunctions/jobs/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import { pointsFunction } from '../../cloudfunctions/points/index'
import { adminContract } from '@/contracts/admin.contract'
import { cardContract } from '@/contracts/card.contract'
import { eventsContract } from '@/contracts/events.contract'
import { jobsContract } from '@/contracts/jobs.contract'
import { memberContract } from '@/contracts/member.contract'
import { pointsContract } from '@/contracts/points.contract'
import { aPublishedEvent, anEventDraft } from '../support/event-flow'
import { aMemberAtTheCounter } from '../support/points-flow'
import { callerOf } from '../support/registration-flow'
import { addStaff, newRequestId, sqliteTestDeps } from '../support/test-deps'

/**
 * SPEC §1: who may do what. Every action of every function is listed with the callers allowed to
 * reach it; everyone else must be refused with an `AUTH.*` code before anything is read or written.
 * `anonymous` has no WeChat identity at all; `guest` is a WeChat user without an account.
 */
type Who = 'anonymous' | 'guest' | 'member' | 'clerk' | 'reviewer' | 'admin'
const EVERYONE: readonly Who[] = ['anonymous', 'guest', 'member', 'clerk', 'reviewer', 'admin']

const MEMBER: Who[] = ['member']
const CLERK: Who[] = ['clerk', 'admin']
const REVIEWER: Who[] = ['reviewer', 'admin']
const ADMIN: Who[] = ['admin']
const SIGNED_IN: Who[] = ['guest', 'member', 'clerk', 'reviewer', 'admin']

const WHO_MAY: Record<string, Record<string, Who[]>> = {
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
  },
}

type Payloads = Record<string, Record<string, unknown>>

const FUNCTIONS: Record<string, { fn: FunctionHandler; actions: Record<string, unknown> }> = {
  member: { fn: memberFunction, actions: memberContract.actions },
  card: { fn: cardFunction, actions: cardContract.actions },
  points: { fn: pointsFunction, actions: pointsContract.actions },
  events: { fn: eventsFunction, actions: eventsContract.actions },
  admin: { fn: adminFunction, actions: adminContract.actions },
  jobs: { fn: jobsFunction, actions: jobsContract.actions },
}

describe('the authorisation matrix over every action of every function', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  let callers: Record<Who, Caller>
  let payloads: Record<string, Payloads>
  beforeAll(async () => {
    t = sqliteTestDeps('2026-05-10T02:00:00.000Z')
    const { member, memberCaller, clerkCaller } = await aMemberAtTheCounter(t.deps)
    const admin = await addStaff(t.deps, 'admin')
    const event = await aPublishedEvent(t.deps, {}, admin)
    callers = {
      anonymous: callerOf(''),
      guest: callerOf('o_matrix_guest'),
      member: memberCaller,
      clerk: clerkCaller,
      reviewer: callerOf((await addStaff(t.deps, 'reviewer')).openid),
      admin: callerOf(admin.openid),
    }
    const cardNo = member.cardNo!
    const { id: _id, ...draft } = anEventDraft(t.deps)
    payloads = {
      member: {
        register: {
          realName: '张三丰',
          mobile: '13912345678',
          shopName: '矩阵便利店',
          shopAddress: '南京市玄武区矩阵路1号',
          licenceNo: '320100777777',
          birthday: '1980-01-01',
          consentVersion: t.deps.settings.policyVersion,
        },
        suggest: { text: '希望多办品鉴会' },
        fileComplaint: { category: 'service', text: '门店服务态度差' },
        appealSanction: { sanctionId: 'sn-x', text: '我要申诉此处分' },
        correctData: { shopName: '矩阵超市' },
        consent: { version: t.deps.settings.policyVersion },
        subscribe: { accepted: [] },
      },
      card: { verify: { code: 'RCC1.860000000017.1.1.abc' }, rekey: {} },
      points: {
        history: {},
        redeem: { itemId: 'item-x' },
        lookupCard: { cardNo },
        earnPurchase: { cardNo, lines: [{ category: 'food', amountFen: 100 }] },
        useVoucher: { code: 'V123456789' },
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
        save: draft,
        publish: { eventId: event.id },
        cancel: { eventId: 'event-x', reason: '天气原因' },
        roster: { eventId: event.id },
        select: { eventId: event.id, memberId: member.id },
        closeSelection: { eventId: event.id },
        exportAttendance: { eventId: event.id },
        checkIn: { eventId: event.id, code: 'RCC1.860000000017.1.1.abc' },
      },
      admin: {
        approveRegistration: { memberId: 'member-x' },
        rejectRegistration: { memberId: 'member-x', reason: '资料不全' },
        approveClub: { memberId: member.id },
        rejectClub: { memberId: member.id, reason: '资料不全' },
        setStarThresholds: { effectiveYear: 2027, thresholds: [1000, 2000, 3000, 4000] },
        previewStarImport: { year: 2027, csv: '320100000001,3' },
        applyStarImport: { year: 2027, csv: '320100000001,3' },
        memberStars: { cardNo },
        overrideStar: { memberId: member.id, star: 4, reason: '年度优秀' },
        clubSuggestions: { answered: true },
        answerSuggestion: { id: 'sg-1', answer: '感谢建议' },
        answerComplaint: { id: 'cp-x', answer: '已处理' },
        issueSanction: { memberId: 'member-x', kind: 'warning', reason: '违反会员守则' },
        memberSanctions: { cardNo },
        decideAppeal: { sanctionId: 'sn-x', decision: 'upheld', note: '维持原处分' },
        confirmWithdrawal: { id: 'wd-x' },
        reports: { year: 2026 },
        exportReport: { year: 2026, report: 'members' },
      },
      jobs: {
        expirePoints: { limit: 1 },
        adjustStars: { year: 2025, limit: 1 },
        adjustmentProgress: { year: 2025 },
      },
    }
  })
  afterAll(() => t.cleanup())

  it('lists every action of every function, and no action that does not exist', () => {
    for (const [name, { actions }] of Object.entries(FUNCTIONS)) {
      expect(Object.keys(WHO_MAY[name] ?? {}).sort()).toEqual(Object.keys(actions).sort())
    }
  })

  const cases = Object.entries(WHO_MAY).flatMap(([name, actions]) =>
    Object.entries(actions).map(([action, allowed]) => [name, action, allowed] as const),
  )

  let guests = 0
  /** How a call ended, as far as authorisation goes. */
  const outcomeOf = (code: string | null) =>
    code?.startsWith('AUTH.') ? 'refused' : code === 'INPUT.INVALID' ? 'bad payload' : 'reached'

  /** Calls the action as everyone and tells, for each caller, whether it was refused. */
  async function outcomesFor(name: string, action: string, payload: unknown) {
    const { fn } = FUNCTIONS[name]!
    const outcomes: Record<string, string> = {}
    for (const who of EVERYONE) {
      // A fresh guest each time: a guest who registers is a guest no more.
      const caller = who === 'guest' ? callerOf(`o_matrix_guest_${++guests}`) : callers[who]
      const envelope = await fn.handle(
        { action, payload, requestId: newRequestId() },
        caller,
        t.deps,
      )
      outcomes[who] = outcomeOf(envelope.ok ? null : envelope.error.code)
    }
    return outcomes
  }

  // 'bad payload' is never expected: a matrix of refused payloads would prove nothing.
  const expectedFor = (allowed: readonly Who[]) =>
    Object.fromEntries(EVERYONE.map((who) => [who, allowed.includes(who) ? 'reached' : 'refused']))

  it.each(cases)(
    '%s.%s refuses everyone but its roles with AUTH codes',
    async (name, action, allowed) => {
      const outcomes = await outcomesFor(name, action, payloads[name]?.[action] ?? {})

      expect(outcomes).toEqual(expectedFor(allowed))
    },
  )

  describe('a member naming another member’s records', () => {
    it('cannot appeal another member’s sanction', async () => {
      const other = await aMemberAtTheCounter(t.deps)
      const issued = await adminFunction.handle(
        {
          action: 'issueSanction',
          payload: { memberId: other.member.id, kind: 'warning', reason: '转卖兑换券' },
          requestId: newRequestId(),
        },
        callers.admin,
        t.deps,
      )
      const sanctionId = (issued as { data: { id: string } }).data.id

      const envelope = await memberFunction.handle(
        {
          action: 'appealSanction',
          payload: { sanctionId, text: '替别人申诉试试看' },
          requestId: newRequestId(),
        },
        callers.member,
        t.deps,
      )

      expect(envelope).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
      expect((await t.deps.store.read.sanctions.byId(sanctionId))?.appeal).toBeNull()
    })

    it('cannot re-key another member’s card', async () => {
      const other = await aMemberAtTheCounter(t.deps)

      const envelope = await cardFunction.handle(
        { action: 'rekey', payload: { memberId: other.member.id }, requestId: newRequestId() },
        callers.member,
        t.deps,
      )

      expect(envelope).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
      expect((await t.deps.store.read.cards.byCardNo(other.member.cardNo!))?.version).toBe(1)
    })
  })

  it('lets only reviewers re-key a card on a member’s behalf', async () => {
    const member = (await t.deps.store.read.members.byOpenid(callers.member.openid))!

    const outcomes = await outcomesFor('card', 'rekey', { memberId: member.id })

    expect(outcomes).toEqual(expectedFor(REVIEWER))
  })
})
