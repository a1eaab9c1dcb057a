import { approveRegistration } from '../cloudfunctions/_shared/use-cases/approve-registration'
import { showCardAtCounter } from './demo-phone'
import { earnPurchase } from '../cloudfunctions/_shared/use-cases/earn-purchase'
import { registerMember } from '../cloudfunctions/_shared/use-cases/register-member'
import { rejectRegistration } from '../cloudfunctions/_shared/use-cases/reject-registration'
import type { Deps, StaffRecord } from '../cloudfunctions/_shared/ports'
import type { RegisterInput } from '../src/contracts/member.contract'
import type { EarnPurchaseInput } from '../src/contracts/points.contract'
import { DEFAULT_CATALOGUE } from '../src/domain/points/redemption'
import type { Result } from '../src/domain/shared/result'
import { shanghaiYear } from '../src/domain/shared/calendar'
import type { EventDraftInput } from '../src/contracts/events.contract'
import { publishEvent, saveEvent } from '../cloudfunctions/_shared/use-cases/manage-events'
import type { Caller } from '../cloudfunctions/_shared/caller'
import { fileComplaint } from '../cloudfunctions/_shared/use-cases/complaints'
import { redeemReward } from '../cloudfunctions/_shared/use-cases/redeem-reward'
import { signUpForEvent } from '../cloudfunctions/_shared/use-cases/event-signup'
import { isCheckInOpen } from '../src/domain/event/check-in'
import { applyClub } from '../cloudfunctions/_shared/use-cases/club-membership'
import { overrideStar } from '../cloudfunctions/_shared/use-cases/override-star'

const STAFF: Pick<StaffRecord, 'id' | 'openid' | 'name' | 'role' | 'site'>[] = [
  {
    id: 'staff-demo-clerk',
    openid: 'o_demo_clerk',
    name: '陈晓',
    role: 'clerk',
    site: '鼓楼中山北路门店',
  },
  {
    id: 'staff-demo-reviewer',
    openid: 'o_demo_reviewer',
    name: '周敏',
    role: 'reviewer',
    site: null,
  },
  { id: 'staff-demo-admin', openid: 'o_demo_admin', name: '刘强', role: 'admin', site: null },
]

type DemoApplicant = {
  key: string
  openid: string
  form: Omit<RegisterInput, 'consentVersion'>
  outcome: { approve: true } | { rejectBecause: string } | null
}

const APPLICANTS: DemoApplicant[] = [
  {
    key: 'member',
    openid: 'o_demo_member',
    form: {
      realName: '王建国',
      mobile: '13812345678',
      shopName: '建国便利店',
      shopAddress: '江苏省南京市鼓楼区中山北路100号',
      licenceNo: '320106100001',
      birthday: '1982-03-18',
      channel: 'oa_menu',
    },
    outcome: { approve: true },
  },
  {
    key: 'applicant',
    openid: 'o_demo_applicant',
    form: {
      realName: '李秀英',
      mobile: '13987654321',
      shopName: '秀英烟酒商行',
      shopAddress: '江苏省南京市玄武区珠江路58号',
      licenceNo: '320102100002',
      birthday: '1990-08-08',
      channel: 'qr_poster',
    },
    outcome: null,
  },
  {
    key: 'rejected',
    openid: 'o_demo_rejected',
    form: {
      realName: '赵立新',
      mobile: '13700001111',
      shopName: '立新超市',
      shopAddress: '江苏省南京市秦淮区夫子庙路1号',
      licenceNo: '320104100003',
      birthday: '1978-12-01',
      channel: 'oa_menu',
    },
    outcome: { rejectBecause: '许可证号与营业执照不一致，请核对后重新提交' },
  },
]

/** Purchases the demo clerk recorded for the demo member, so the points pages have history. */
const DEMO_PURCHASES: { key: string; receiptNo: string; lines: EarnPurchaseInput['lines'] }[] = [
  {
    key: 'liquor',
    receiptNo: 'XP20261101-0032',
    lines: [{ category: 'liquor', amountFen: 168_800 }],
  },
  {
    key: 'mixed',
    receiptNo: 'XP20261115-0107',
    lines: [
      { category: 'tobacco', amountFen: 52_000 },
      { category: 'lottery', amountFen: 10_000 },
    ],
  },
  {
    key: 'gift',
    receiptNo: 'XP20261120-0088',
    lines: [{ category: 'liquor', amountFen: 150_000 }],
  },
]

const SEEDED_AGO_MS = 60 * 60 * 1000

/**
 * A member who joined last year and earned 3000 points then: once an admin runs the annual
 * adjustment for last year she holds 3★ this year and may apply to the club (SPEC §3, §4).
 */
const STAR_MEMBER: Omit<DemoApplicant, 'outcome'> = {
  key: 'star',
  openid: 'o_demo_star',
  form: {
    realName: '孙丽华',
    mobile: '13655556666',
    shopName: '丽华副食店',
    shopAddress: '江苏省南京市建邺区江东中路88号',
    licenceNo: '320105100004',
    birthday: '1986-05-20',
    channel: 'oa_menu',
  },
}

/**
 * A 4★ member (the supplier's own rating, set by the admin for this year) whose application to
 * the club waits for a reviewer (SPEC §4): 俱乐部审核 has someone in it right after `npm start`.
 */
const CLUB_APPLICANT: Omit<DemoApplicant, 'outcome'> = {
  key: 'club',
  openid: 'o_demo_club',
  form: {
    realName: '钱晓峰',
    mobile: '13566667777',
    shopName: '晓峰烟酒店',
    shopAddress: '江苏省南京市雨花台区软件大道8号',
    licenceNo: '320114100005',
    birthday: '1984-09-12',
    channel: 'oa_menu',
  },
}

/** The request id of the seed's last step: present once a seed has run to its end. */
const LAST_STEP = 'seed-club-apply-club'

function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`demo seed failed: ${JSON.stringify(result.error)}`)
  return result.data
}

/**
 * Loads the demo data through the same use cases the app calls, so it obeys every rule: three
 * staff, an approved member with three purchases and a voucher, a pending applicant, a rejected
 * one, last year's 3000-point member with an overdue complaint, a 4★ member waiting for the club's
 * review, two events and the default reward catalogue. Every step is idempotent
 * (fixed request ids), so a seed interrupted half-way completes on the next start. Returns whether
 * it had anything left to do.
 */
export async function seedDemoData(storeDeps: Deps): Promise<boolean> {
  if (await storeDeps.store.read.requests.get(LAST_STEP)) return false
  // The demo history happened an hour ago: the demo clerk's scan of the member's card then must
  // not use up the code the member's phone shows now (a code is accepted once).
  const deps: Deps = {
    ...storeDeps,
    clock: { now: () => new Date(storeDeps.clock.now().getTime() - SEEDED_AGO_MS) },
  }
  const createdAt = deps.clock.now().toISOString()
  await deps.store.transaction(async (tx) => {
    for (const s of STAFF) {
      if (!(await tx.staff.byOpenid(s.openid))) {
        await tx.staff.insert({ ...s, status: 'active', createdAt, version: 1 })
      }
    }
  })
  await deps.store.transaction(async (tx) => {
    for (const item of DEFAULT_CATALOGUE) {
      if (!(await tx.catalogue.byId(item.id))) await tx.catalogue.save({ ...item, version: 1 })
    }
  })
  const reviewer = { openid: 'o_demo_reviewer', unionid: null }
  const consentVersion = deps.settings.policyVersion
  for (const { key, openid, form, outcome } of APPLICANTS) {
    const caller = { openid, unionid: null }
    const { memberId } = must(
      await registerMember(deps, caller, { ...form, consentVersion }, `seed-register-${key}`),
    )
    const review = `seed-review-${key}`
    if (outcome && 'approve' in outcome) {
      must(await approveRegistration(deps, reviewer, { memberId }, review))
    } else if (outcome) {
      must(
        await rejectRegistration(
          deps,
          reviewer,
          { memberId, reason: outcome.rejectBecause },
          review,
        ),
      )
    }
  }
  const clerk = { openid: 'o_demo_clerk', unionid: null }
  const member = await deps.store.read.members.byOpenid('o_demo_member')
  if (!(await deps.store.read.requests.get('seed-show-card'))) {
    await showCardAtCounter(
      deps,
      { openid: 'o_demo_member', unionid: null },
      clerk,
      'seed-show-card',
    )
  }
  for (const { key, receiptNo, lines } of DEMO_PURCHASES) {
    const input = { cardNo: member?.cardNo ?? '', lines, voucherCodes: [], receiptNo }
    must(await earnPurchase(deps, clerk, input, `seed-purchase-${key}`))
  }
  // A ¥20 voucher ready to use at the counter (the points of the third purchase paid for it).
  must(
    await redeemReward(
      deps,
      { openid: 'o_demo_member', unionid: null },
      { itemId: 'voucher-20' },
      'seed-redeem-voucher',
    ),
  )
  await seedLastYearsStarMember(deps, reviewer, clerk)
  await seedEvents(deps)
  await seedOverdueComplaint(deps)
  await seedClubApplicant(deps, reviewer)
  return true
}

async function seedClubApplicant(deps: Deps, reviewer: Caller) {
  const { key, openid, form } = CLUB_APPLICANT
  const caller = { openid, unionid: null }
  const consentVersion = deps.settings.policyVersion
  const { memberId } = must(
    await registerMember(deps, caller, { ...form, consentVersion }, `seed-register-${key}`),
  )
  must(await approveRegistration(deps, reviewer, { memberId }, `seed-review-${key}`))
  must(
    await overrideStar(
      deps,
      { openid: 'o_demo_admin', unionid: null },
      { memberId, star: 4, reason: '供应商零售户年度评级为四星' },
      `seed-star-${key}`,
    ),
  )
  must(await applyClub(deps, caller, LAST_STEP))
}

/** 孙丽华's complaint of two days and two hours ago: past the 48-hour reply target, highlighted. */
async function seedOverdueComplaint(deps: Deps) {
  const filedAt = deps.clock.now().getTime() - 50 * 60 * 60 * 1000
  const then: Deps = { ...deps, clock: { now: () => new Date(filedAt) } }
  const caller = { openid: STAR_MEMBER.openid, unionid: null }
  const text = '上周兑换的代金券在门店无法使用，店员说系统里查不到，请尽快处理。'
  must(
    await fileComplaint(
      then,
      caller,
      { category: 'points', text, photos: [] },
      'seed-complaint-star',
    ),
  )
}

const DAY = 24 * 60 * 60 * 1000

/** Two published events a week and a fortnight ahead: one for club members, one for everyone. */
async function seedEvents(deps: Deps) {
  const admin = { openid: 'o_demo_admin', unionid: null }
  const now = deps.clock.now().getTime()
  const at = (days: number, hour: number) => {
    const day = new Date(now + days * DAY)
    // hh:00 Shanghai time (UTC+8) on that day.
    return new Date(
      Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour - 8),
    ).toISOString()
  }
  const drafts: (EventDraftInput & { key: string })[] = [
    {
      key: 'tasting',
      kind: 'tasting',
      title: '年度新品品鉴会',
      description: '供应商年度新品现场品鉴，品牌讲师讲解陈列与销售要点。',
      coverImage: null,
      place: '南京市鼓楼区中山北路100号 供应商展厅',
      contact: '周敏 025-84561234',
      startAt: at(7, 19),
      endAt: at(7, 21),
      signupOpensAt: new Date(now - DAY).toISOString(),
      signupClosesAt: at(6, 18),
      capacity: 30,
      attendancePoints: 100,
      clubOnly: true,
      minStar: 3,
      acknowledgement: '现场提供酒类品鉴，请勿酒后驾车。',
      mode: 'fcfs',
    },
    {
      key: 'sports',
      kind: 'sports',
      title: '零售户秋季运动会',
      description: '趣味接力、拔河与定点投篮，欢迎全体会员参加。',
      coverImage: null,
      place: '南京市奥体中心东门训练场',
      contact: '陈晓 025-84565678',
      startAt: at(14, 9),
      endAt: at(14, 12),
      signupOpensAt: new Date(now - DAY).toISOString(),
      signupClosesAt: at(12, 18),
      capacity: 200,
      attendancePoints: 50,
      clubOnly: false,
      minStar: null,
      acknowledgement: '本人身体健康，适合参加运动类活动。',
      mode: 'fcfs',
    },
  ]
  for (const { key, ...draft } of drafts) {
    const saved = must(await saveEvent(deps, admin, draft, `seed-event-${key}`))
    must(await publishEvent(deps, admin, { eventId: saved.id }, `seed-publish-${key}`))
  }
}

/** 孙丽华's last year: registered and approved on 20 October, then ¥3000 of purchases. */
async function seedLastYearsStarMember(deps: Deps, reviewer: Caller, clerk: Caller) {
  const lastYear = shanghaiYear(deps.clock.now()) - 1
  const then: Deps = { ...deps, clock: { now: () => new Date(`${lastYear}-10-20T02:00:00.000Z`) } }
  const { key, openid, form } = STAR_MEMBER
  const caller = { openid, unionid: null }
  const consentVersion = deps.settings.policyVersion
  const { memberId } = must(
    await registerMember(then, caller, { ...form, consentVersion }, `seed-register-${key}`),
  )
  const cardNo = must(
    await approveRegistration(then, reviewer, { memberId }, `seed-review-${key}`),
  ).cardNo
  if (!(await deps.store.read.requests.get(`seed-show-card-${key}`))) {
    await showCardAtCounter(then, caller, clerk, `seed-show-card-${key}`)
  }
  const lines: EarnPurchaseInput['lines'] = [{ category: 'daily', amountFen: 300_000 }]
  must(
    await earnPurchase(
      then,
      clerk,
      { cardNo: cardNo ?? '', lines, voucherCodes: [], receiptNo: `XP${lastYear}1020-0001` },
      'seed-purchase-star',
    ),
  )
}

const HOUR = 60 * 60 * 1000

/**
 * Today's event, so that check-in can be tried right after `npm start` on any day: when no
 * published event is open for check-in now, a training starting within the next one and a half
 * hours is published and the demo member and 孙丽华 are signed up. Run on every start; a restart
 * while that event is still open for check-in adds nothing.
 */
export async function seedTodaysEvent(deps: Deps): Promise<boolean> {
  const now = deps.clock.now()
  const published = await deps.store.read.events.list({ statuses: ['published'] }, 0, 100)
  if (published.items.some((event) => isCheckInOpen(event, now))) return false
  const admin = { openid: 'o_demo_admin', unionid: null }
  const startAt = new Date(Math.ceil((now.getTime() + HOUR) / (HOUR / 2)) * (HOUR / 2))
  // One event per start slot: a restart later the same day, past this one, gets the next.
  const day = startAt
    .toISOString()
    .slice(0, 16)
    .replace(/[^0-9]/g, '')
  const draft: EventDraftInput = {
    kind: 'training',
    title: '今日门店陈列实操培训',
    description: '讲师现场演示卷烟与酒水的陈列要点，到场签到即得积分。',
    coverImage: null,
    place: '南京市鼓楼区中山北路100号 供应商培训室',
    contact: '陈晓 025-84565678',
    startAt: startAt.toISOString(),
    endAt: new Date(startAt.getTime() + 2 * HOUR).toISOString(),
    signupOpensAt: new Date(now.getTime() - HOUR).toISOString(),
    signupClosesAt: startAt.toISOString(),
    capacity: 40,
    attendancePoints: 20,
    clubOnly: false,
    minStar: null,
    acknowledgement: null,
    mode: 'fcfs',
  }
  const saved = must(await saveEvent(deps, admin, draft, `seed-today-${day}`))
  must(await publishEvent(deps, admin, { eventId: saved.id }, `seed-today-publish-${day}`))
  for (const openid of ['o_demo_member', STAR_MEMBER.openid]) {
    must(
      await signUpForEvent(
        deps,
        { openid, unionid: null },
        { eventId: saved.id, acknowledged: true },
        `seed-today-signup-${day}-${openid}`,
      ),
    )
  }
  return true
}
