import type { Deps } from '../../cloudfunctions/_shared/ports'
import { overrideStar } from '../../cloudfunctions/_shared/use-cases/override-star'
import type { Complaint } from '@/domain/care/complaint'
import type { ClubEvent } from '@/domain/event/event'
import type { Signup } from '@/domain/event/signup'
import type { LedgerEntry } from '@/domain/points/points'
import { aRegistration } from './builders'
import { anActiveMember, callerOf, newOpenid, registered, rejected } from './registration-flow'
import { adjustedUntilDone, inClubState } from './star-flow'
import { addStaff, newRequestId, type TestClock } from './test-deps'

/** When the scene's report is read: 2026-11-23 10:00 in Shanghai. */
export const REPORT_NOW = '2026-11-23T02:00:00.000Z'

let serial = 0

function anEntry(memberId: string, overrides: Partial<LedgerEntry>): LedgerEntry {
  return {
    id: `report-entry-${++serial}`,
    memberId,
    type: 'earn',
    label: 'purchase',
    points: 100,
    reference: `report-ref-${serial}`,
    actorId: 'staff-report',
    requestId: null,
    at: '2026-03-10T02:00:00.000Z',
    takes: [],
    lotId: null,
    note: null,
    ...overrides,
  }
}

function anEndedEvent(overrides: Partial<ClubEvent>): ClubEvent {
  return {
    id: `report-event-${++serial}`,
    kind: 'tasting',
    title: '新品品鉴会',
    description: '年度新品品鉴',
    coverImage: null,
    place: '南京市鼓楼区中山北路100号',
    contact: '周敏 025-12345678',
    startAt: '2026-05-10T06:00:00.000Z',
    endAt: '2026-05-10T09:00:00.000Z',
    signupOpensAt: '2026-04-01T00:00:00.000Z',
    signupClosesAt: '2026-05-09T10:00:00.000Z',
    capacity: 10,
    attendancePoints: 50,
    clubOnly: false,
    minStar: null,
    acknowledgement: null,
    mode: 'fcfs',
    status: 'published',
    confirmed: 0,
    signups: 0,
    checkedIn: 0,
    noShowsMarked: true,
    cancelReason: null,
    createdBy: 'staff-report',
    createdAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-01T02:00:00.000Z',
    publishedAt: '2026-03-01T03:00:00.000Z',
    version: 1,
    ...overrides,
  }
}

function aSignup(event: ClubEvent, memberId: string, seq: number, shown: boolean): Signup {
  return {
    eventId: event.id,
    memberId,
    status: 'confirmed',
    seq,
    acknowledged: false,
    createdAt: '2026-04-02T02:00:00.000Z',
    updatedAt: '2026-04-02T02:00:00.000Z',
    checkedInAt: shown ? event.startAt : null,
    checkedInBy: shown ? 'staff-report' : null,
    noShowAt: shown ? null : event.endAt,
    version: 1,
  }
}

function aComplaint(memberId: string, createdAt: string, overrides: Partial<Complaint> = {}) {
  const complaint: Complaint = {
    id: `report-complaint-${++serial}`,
    memberId,
    category: 'service',
    text: '门店店员态度不好，结账时不愿意扫会员卡，说系统坏了让我下次再来，积分也没有补上，希望加强培训并尽快给出答复。',
    photos: [],
    createdAt,
    dueAt: new Date(Date.parse(createdAt) + 48 * 3_600_000).toISOString(),
    answer: null,
    answeredBy: null,
    answeredAt: null,
    version: 1,
    ...overrides,
  }
  return complaint
}

/**
 * A year of club life to report on (2026), made with the real use cases where the rule matters
 * (approval, the annual adjustment, a star override) and arranged in the store where only the
 * record matters (ledger entries, ended events, complaints). Ends with the clock at REPORT_NOW.
 *
 * - Approved in 2025: A (club active → grace for 2026 at the adjustment) and B (grace 2025 →
 *   forced out at the adjustment of 1 January 2026).
 * - Approved in 2026: C on 31 January 23:30 Shanghai (January; then overridden to 4★), D at
 *   Shanghai midnight of 1 February (February), G in February and then suspended.
 * - E still pending, F rejected.
 * - Points of A in 2026: earned 120 purchase (March) + 50 event (May), redeemed 1500 (March),
 *   expired 30 (April), adjusted +20 (June); and 999 earned in 2025, outside the year.
 * - Events: one ended in May (10 places, A–D confirmed, D a no-show), one ended in June with
 *   nobody confirmed; one still to come and one of 2025, both outside the report.
 * - Complaints: one 26 hours past its 48-hour target, one not yet due, one answered late.
 */
export async function aReportingYear(deps: Deps, clock: TestClock) {
  const reviewer = await addStaff(deps, 'reviewer')
  const admin = await addStaff(deps, 'admin')

  clock.set('2025-06-01T02:00:00.000Z')
  const a = await anActiveMember(deps, reviewer, aRegistration({ realName: '张宽限' }))
  const b = await anActiveMember(deps, reviewer, aRegistration({ realName: '李退出' }))
  await inClubState(deps, a.memberId, 'active')
  await inClubState(deps, b.memberId, 'grace', 2025)

  clock.set('2026-01-01T00:30:00.000Z')
  await adjustedUntilDone(deps, 2025)

  clock.set('2026-01-31T15:30:00.000Z')
  const c = await anActiveMember(deps, reviewer, aRegistration({ realName: '王一月' }))
  clock.set('2026-01-31T16:00:00.000Z')
  const d = await anActiveMember(deps, reviewer, aRegistration({ realName: '赵二月' }))
  clock.set('2026-02-10T02:00:00.000Z')
  const g = await anActiveMember(deps, reviewer, aRegistration({ realName: '孙暂停' }))
  await deps.store.transaction(async (tx) => {
    const record = (await tx.members.byId(g.memberId))!
    await tx.members.update({ ...record, status: 'suspended', version: record.version + 1 })
  })
  const e = await registered(deps, newOpenid(), aRegistration({ realName: '周待审' }))
  const f = await registered(deps, newOpenid(), aRegistration({ realName: '吴驳回' }))
  await rejected(deps, reviewer, f)

  clock.set('2026-03-01T02:00:00.000Z')
  const override = await overrideStar(
    deps,
    callerOf(admin.openid),
    { memberId: c.memberId, star: 4, reason: '年度重点客户' },
    newRequestId(),
  )
  if (!override.ok) throw new Error(`override refused: ${JSON.stringify(override.error)}`)

  const settled = anEndedEvent({ confirmed: 4, signups: 4, checkedIn: 3 })
  const empty = anEndedEvent({
    title: '湖畔跑',
    kind: 'sports',
    capacity: 5,
    startAt: '2026-06-01T01:00:00.000Z',
    endAt: '2026-06-01T04:00:00.000Z',
  })
  const upcoming = anEndedEvent({
    title: '年终答谢会',
    startAt: '2026-12-20T06:00:00.000Z',
    endAt: '2026-12-20T09:00:00.000Z',
    noShowsMarked: false,
  })
  const lastYear = anEndedEvent({
    title: '去年的品鉴会',
    startAt: '2025-10-10T06:00:00.000Z',
    endAt: '2025-10-10T09:00:00.000Z',
  })
  await deps.store.transaction(async (tx) => {
    for (const entry of [
      anEntry(a.memberId, { points: 120, at: '2026-03-10T02:00:00.000Z' }),
      anEntry(a.memberId, { label: 'event', points: 50, at: '2026-05-10T09:00:00.000Z' }),
      anEntry(a.memberId, {
        type: 'redeem',
        label: 'reward',
        points: -1500,
        at: '2026-03-15T02:00:00.000Z',
      }),
      anEntry(a.memberId, {
        type: 'expire',
        label: 'expiry',
        points: -30,
        at: '2026-04-01T02:00:00.000Z',
      }),
      anEntry(a.memberId, {
        type: 'adjust',
        label: 'correction',
        points: 20,
        at: '2026-06-05T02:00:00.000Z',
      }),
      anEntry(a.memberId, { points: 999, at: '2025-12-31T15:59:59.999Z' }),
    ]) {
      await tx.points.append(entry)
    }
    for (const event of [settled, empty, upcoming, lastYear]) await tx.events.save(event)
    const confirmed = [a, b, c, d].map((m) => m.memberId)
    for (const [i, memberId] of confirmed.entries()) {
      await tx.signups.save(aSignup(settled, memberId, i + 1, memberId !== d.memberId))
    }
    await tx.complaints.save(aComplaint(a.memberId, '2026-11-20T00:00:00.000Z'))
    await tx.complaints.save(aComplaint(d.memberId, '2026-11-22T02:00:00.000Z'))
    const late = aComplaint(c.memberId, '2026-11-01T00:00:00.000Z')
    await tx.complaints.save(late)
    await tx.complaints.save({
      ...late,
      answer: '已处理',
      answeredBy: admin.id,
      answeredAt: '2026-11-05T00:00:00.000Z',
      version: 2,
    })
  })

  clock.set(REPORT_NOW)
  return { reviewer, admin, a, b, c, d, e, f, g, settled, empty }
}
