import { aContractMember } from './contract-member'
import { randomInt } from 'node:crypto'
import type { AuditRecord, MemberRecord, Store } from '../../../../cloudfunctions/_shared/ports'
import type { ClubEvent } from '@/domain/event/event'
import type { Signup } from '@/domain/event/signup'
import type { MemberStatus } from '@/domain/member/member'
import type { LedgerEntry } from '@/domain/points/points'
import { reportYearRange } from '@/domain/report/report-calendar'
import type { MonthCount, PointsBucket, StatusCount } from '@/domain/report/report-rows'
import { CONTRACT_RUN_TAG, CONTRACT_YEARS } from './store.contract'

let serial = 0
const unique = (label: string) => `${label}-${CONTRACT_RUN_TAG}-r${++serial}`

/**
 * A year far from any real one for the month-bucketed reports. Other runs may share it (or have
 * left rows in it), so the cases compare a report before and after their own writes.
 */
const YEAR = 3000 + randomInt(0, 900)
const { from: FROM, to: TO } = reportYearRange(YEAR)
/** An instant of the report year: `at('01-31T16:00:00.000Z')`. */
const at = (rest: string) => `${YEAR}-${rest}`
const month = (mm: string) => `${YEAR}-${mm}`

function aMember(overrides: Partial<MemberRecord> = {}): MemberRecord {
  return aContractMember(unique('m'), { status: 'active', channel: null, ...overrides })
}

function anEntry(memberId: string, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: unique('entry'),
    memberId,
    type: 'earn',
    label: 'purchase',
    points: 100,
    reference: unique('purchase'),
    actorId: 'staff-report',
    requestId: null,
    at: at('03-10T02:00:00.000Z'),
    takes: [],
    lotId: null,
    note: null,
    ...overrides,
  }
}

function anEvent(overrides: Partial<ClubEvent> = {}): ClubEvent {
  return {
    id: unique('ev'),
    kind: 'sports',
    title: '运动会',
    description: '年度运动会',
    coverImage: null,
    place: '南京奥体中心',
    contact: '025-8888 6666',
    startAt: at('05-10T01:00:00.000Z'),
    endAt: at('05-10T09:00:00.000Z'),
    signupOpensAt: at('04-01T00:00:00.000Z'),
    signupClosesAt: at('05-09T10:00:00.000Z'),
    capacity: 20,
    attendancePoints: 50,
    clubOnly: false,
    minStar: null,
    acknowledgement: null,
    mode: 'fcfs',
    status: 'published',
    confirmed: 0,
    signups: 0,
    checkedIn: 0,
    noShowsMarked: false,
    cancelReason: null,
    createdBy: 'staff-report',
    createdAt: at('03-01T02:00:00.000Z'),
    updatedAt: at('03-01T02:00:00.000Z'),
    publishedAt: at('03-01T03:00:00.000Z'),
    version: 1,
    ...overrides,
  }
}

function aSignup(event: ClubEvent, memberId: string, seq: number, noShow: boolean): Signup {
  return {
    eventId: event.id,
    memberId,
    status: 'confirmed',
    seq,
    acknowledged: false,
    createdAt: at('04-02T02:00:00.000Z'),
    updatedAt: at('04-02T02:00:00.000Z'),
    checkedInAt: noShow ? null : event.startAt,
    checkedInBy: noShow ? null : 'staff-report',
    noShowAt: noShow ? event.endAt : null,
    version: 1,
  }
}

function anAudit(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: unique('audit'),
    actorId: unique('staff'),
    actorRole: 'admin',
    action: 'star.override',
    targetType: 'member',
    targetId: unique('m'),
    before: { star: 1 },
    after: { star: 3 },
    reason: '补录',
    requestId: unique('req'),
    at: '2026-03-10T02:00:00.000Z',
    ...overrides,
  }
}

/** What a second report adds to the first: per key, after minus before (zero keys left out). */
function added<T>(
  before: T[],
  after: T[],
  key: (row: T) => string,
  value: (row: T) => number,
): Record<string, number> {
  const diff: Record<string, number> = {}
  for (const row of after) diff[key(row)] = (diff[key(row)] ?? 0) + value(row)
  for (const row of before) diff[key(row)] = (diff[key(row)] ?? 0) - value(row)
  return Object.fromEntries(Object.entries(diff).filter(([, n]) => n !== 0))
}

/**
 * The report and audit-search ports (cloudfunctions/_shared/ports.ts: ReportRepository,
 * AuditRepository.search, StaffRepository.byId), run against every adapter. The store may hold
 * other data: the cases compare before and after their own writes, or filter by their own ids.
 */
export function describeReportingContract(
  name: string,
  open: () => Promise<{ store: Store; cleanup(): Promise<void> }>,
): void {
  describe(`Reporting contract (${name})`, () => {
    let store: Store
    let cleanup: () => Promise<void>

    beforeEach(async () => {
      ;({ store, cleanup } = await open())
    })
    afterEach(() => cleanup())

    const insertMembers = (members: MemberRecord[]) =>
      store.transaction(async (tx) => {
        for (const m of members) expect(await tx.members.insert(m)).toEqual({ ok: true })
      })

    describe('reports.membersByStatus', () => {
      it('counts the members of every status, suspended, cancelled and withdrawn included', async () => {
        const before = await store.read.reports.membersByStatus()
        const statuses: MemberStatus[] = [
          'active',
          'active',
          'pending',
          'suspended',
          'cancelled',
          'withdrawn',
          'rejected',
        ]

        await insertMembers(statuses.map((status) => aMember({ status })))
        const after = await store.read.reports.membersByStatus()

        const byStatus = (r: StatusCount) => r.status
        expect(added(before, after, byStatus, (r) => r.count)).toEqual({
          active: 2,
          pending: 1,
          suspended: 1,
          cancelled: 1,
          withdrawn: 1,
          rejected: 1,
        })
      })
    })

    describe('reports.starsOfYear', () => {
      it("counts the year's stars per star value, and no other year's", async () => {
        const year = CONTRACT_YEARS[CONTRACT_YEARS.length - 1]!
        const before = await store.read.reports.starsOfYear(year)
        const members = [aMember(), aMember(), aMember()]
        await insertMembers(members)

        await store.transaction(async (tx) => {
          const grant = (memberId: string, y: number, star: 1 | 3) =>
            tx.stars.put({
              memberId,
              year: y,
              star,
              source: 'rule',
              reason: null,
              grantedAt: '2026-01-01T00:00:00.000Z',
            })
          await grant(members[0]!.id, year, 3)
          await grant(members[1]!.id, year, 3)
          await grant(members[2]!.id, year, 1)
          await grant(members[2]!.id, year - 1, 3)
        })
        const after = await store.read.reports.starsOfYear(year)

        expect(
          added(
            before,
            after,
            (r) => String(r.star),
            (r) => r.count,
          ),
        ).toEqual({
          '1': 1,
          '3': 2,
        })
        expect(after.map((r) => r.star)).toEqual([...after.map((r) => r.star)].sort())
      })
    })

    describe('reports.approvalsByMonth', () => {
      it('counts approved members by the Shanghai month of approval, the range end excluded', async () => {
        const before = await store.read.reports.approvalsByMonth(FROM, TO)

        await insertMembers([
          // Shanghai midnight of 1 February is 16:00 UTC on 31 January.
          aMember({ reviewedAt: at('01-31T15:59:59.999Z') }),
          aMember({ reviewedAt: at('01-31T16:00:00.000Z') }),
          aMember({ status: 'withdrawn', reviewedAt: at('02-10T02:00:00.000Z') }),
          aMember({ status: 'suspended', reviewedAt: at('12-31T15:59:59.999Z') }),
          // The first instant of the year counts; the first of the next does not.
          aMember({ reviewedAt: FROM }),
          aMember({ reviewedAt: TO }),
          // Not approved: still waiting, or turned down.
          aMember({ status: 'pending', reviewedAt: at('03-01T02:00:00.000Z') }),
          aMember({ status: 'rejected', reviewedAt: at('03-01T02:00:00.000Z') }),
        ])
        const after = await store.read.reports.approvalsByMonth(FROM, TO)

        const byMonth = (r: MonthCount) => r.month
        expect(added(before, after, byMonth, (r) => r.count)).toEqual({
          [month('01')]: 2,
          [month('02')]: 2,
          [month('12')]: 1,
        })
      })
    })

    describe('reports.pointsByMonth', () => {
      it('sums entries per Shanghai month, type and label, with their number', async () => {
        const member = aMember()
        await insertMembers([member])
        const before = await store.read.reports.pointsByMonth(FROM, TO)

        await store.transaction(async (tx) => {
          for (const entry of [
            anEntry(member.id, { points: 120, at: at('01-31T15:59:59.999Z') }),
            anEntry(member.id, { points: 80, at: at('01-31T16:00:00.000Z') }),
            anEntry(member.id, { points: 20, at: at('02-03T02:00:00.000Z') }),
            anEntry(member.id, { type: 'earn', label: 'event', points: 50 }),
            anEntry(member.id, { type: 'redeem', label: 'reward', points: -150 }),
            anEntry(member.id, { type: 'expire', label: 'expiry', points: -30 }),
            anEntry(member.id, { type: 'reverse', label: 'purchase', points: -20 }),
            anEntry(member.id, { points: 999, at: TO }),
          ]) {
            await tx.points.append(entry)
          }
        })
        const after = await store.read.reports.pointsByMonth(FROM, TO)

        const key = (b: PointsBucket) => `${b.month} ${b.type} ${b.label}`
        expect(added(before, after, key, (b) => b.points)).toEqual({
          [`${month('01')} earn purchase`]: 120,
          [`${month('02')} earn purchase`]: 100,
          [`${month('03')} earn event`]: 50,
          [`${month('03')} redeem reward`]: -150,
          [`${month('03')} expire expiry`]: -30,
          [`${month('03')} reverse purchase`]: -20,
        })
        expect(added(before, after, key, (b) => b.entries)).toMatchObject({
          [`${month('01')} earn purchase`]: 1,
          [`${month('02')} earn purchase`]: 2,
        })
      })
    })

    describe('reports.clerkTally', () => {
      it("counts one clerk's purchases (0-point sales too) and check-ins from the first instant to before the last", async () => {
        const clerk = unique('clerk')
        const members = [aMember(), aMember(), aMember()]
        await insertMembers(members)
        const [m0, m1, m2] = members.map((m) => m.id) as [string, string, string]
        const event = anEvent()
        const checkedIn = (memberId: string, seq: number, by: string, when: string): Signup => ({
          ...aSignup(event, memberId, seq, false),
          checkedInBy: by,
          checkedInAt: when,
        })

        await store.transaction(async (tx) => {
          for (const entry of [
            anEntry(m0, { actorId: clerk, at: at('03-10T00:00:00.000Z') }),
            anEntry(m0, {
              actorId: clerk,
              points: 0,
              at: at('03-10T12:00:00.000Z'),
              purchase: {
                amountFen: 50,
                paidWithPointsFen: 0,
                earnableFen: 50,
                receiptNo: null,
                clerkName: '张店员',
                site: null,
              },
            }),
            anEntry(m1, { actorId: clerk, at: at('03-10T23:59:59.999Z') }),
            anEntry(m1, { actorId: clerk, at: at('03-11T00:00:00.000Z') }),
            anEntry(m1, { actorId: clerk, at: at('03-09T23:59:59.999Z') }),
            anEntry(m2, { actorId: clerk, label: 'event', at: at('03-10T05:00:00.000Z') }),
            anEntry(m2, {
              actorId: clerk,
              type: 'reverse',
              points: -100,
              at: at('03-10T06:00:00.000Z'),
            }),
            anEntry(m2, { actorId: unique('other'), at: at('03-10T05:00:00.000Z') }),
          ]) {
            await tx.points.append(entry)
          }
          expect(await tx.events.save(event)).toEqual({ ok: true })
          await tx.signups.save(checkedIn(m0, 1, clerk, at('03-10T01:00:00.000Z')))
          await tx.signups.save(checkedIn(m1, 2, clerk, at('03-11T00:00:00.000Z')))
          await tx.signups.save(checkedIn(m2, 3, unique('other'), at('03-10T01:00:00.000Z')))
        })
        const tally = await store.read.reports.clerkTally(
          clerk,
          at('03-10T00:00:00.000Z'),
          at('03-11T00:00:00.000Z'),
        )

        expect(tally).toEqual({ sales: 3, checkIns: 1 })
      })

      it('is zero for a clerk with nothing recorded', async () => {
        const tally = await store.read.reports.clerkTally(unique('clerk'), FROM, TO)

        expect(tally).toEqual({ sales: 0, checkIns: 0 })
      })
    })

    describe('reports.eventTallies', () => {
      it('gives published events that ended in the range, by end, with their recorded no-shows', async () => {
        const members = [aMember(), aMember(), aMember()]
        await insertMembers(members)
        const settled = anEvent({
          endAt: at('05-10T09:00:00.000Z'),
          confirmed: 3,
          signups: 3,
          checkedIn: 1,
          noShowsMarked: true,
        })
        const first = anEvent({
          startAt: FROM,
          endAt: FROM,
          confirmed: 2,
          capacity: 5,
          checkedIn: 2,
        })
        const draft = anEvent({ status: 'draft' })
        const cancelled = anEvent({ status: 'cancelled', cancelReason: '天气' })
        const nextYear = anEvent({ endAt: TO })

        await store.transaction(async (tx) => {
          for (const event of [settled, first, draft, cancelled, nextYear]) {
            expect(await tx.events.save(event)).toEqual({ ok: true })
          }
          await tx.signups.save(aSignup(settled, members[0]!.id, 1, false))
          await tx.signups.save(aSignup(settled, members[1]!.id, 2, true))
          await tx.signups.save(aSignup(settled, members[2]!.id, 3, true))
        })
        const mine = new Set([settled.id, first.id, draft.id, cancelled.id, nextYear.id])
        const tallies = (await store.read.reports.eventTallies(FROM, TO)).filter((t) =>
          mine.has(t.eventId),
        )

        expect(tallies).toEqual([
          {
            eventId: first.id,
            title: first.title,
            kind: first.kind,
            startAt: first.startAt,
            endAt: first.endAt,
            capacity: 5,
            confirmed: 2,
            checkedIn: 2,
            noShows: 0,
            noShowsMarked: false,
          },
          {
            eventId: settled.id,
            title: settled.title,
            kind: settled.kind,
            startAt: settled.startAt,
            endAt: settled.endAt,
            capacity: 20,
            confirmed: 3,
            checkedIn: 1,
            noShows: 2,
            noShowsMarked: true,
          },
        ])
      })
    })

    describe('audit.search', () => {
      const actorId = () => unique('actor')

      async function appendAll(records: AuditRecord[]) {
        await store.transaction(async (tx) => {
          for (const record of records) await tx.audit.append(record)
        })
      }

      it("gives an actor's records newest first, with every field as stored, and a total", async () => {
        const actor = actorId()
        const older = anAudit({ actorId: actor, at: '2026-03-10T02:00:00.000Z' })
        const newer = anAudit({
          actorId: actor,
          at: '2026-03-11T02:00:00.000Z',
          before: null,
          after: { rows: 12, nested: { ok: true } },
          reason: null,
          requestId: null,
        })
        await appendAll([older, newer, anAudit()])

        const page = await store.read.audit.search({ actorId: actor }, 0, 10)

        expect(page).toEqual({ items: [newer, older], total: 2 })
      })

      it('pages with offset and limit, breaking ties of the same instant by id, newest first', async () => {
        const actor = actorId()
        const same = '2026-03-10T02:00:00.000Z'
        const records = [
          anAudit({ actorId: actor, at: same, id: `${unique('audit')}-a` }),
          anAudit({ actorId: actor, at: same, id: `${unique('audit')}-b` }),
          anAudit({ actorId: actor, at: '2026-03-09T02:00:00.000Z' }),
        ]
        await appendAll(records)

        const first = await store.read.audit.search({ actorId: actor }, 0, 2)
        const second = await store.read.audit.search({ actorId: actor }, 2, 2)

        const byIdDesc = [records[0]!, records[1]!].sort((a, b) => (a.id < b.id ? 1 : -1))
        expect(first).toEqual({ items: byIdDesc, total: 3 })
        expect(second).toEqual({ items: [records[2]], total: 3 })
      })

      it('matches the action, and the dates from the first instant to before the last', async () => {
        const actor = actorId()
        const early = anAudit({ actorId: actor, at: '2026-03-01T00:00:00.000Z' })
        const inside = anAudit({ actorId: actor, at: '2026-03-15T00:00:00.000Z' })
        const atEnd = anAudit({ actorId: actor, at: '2026-04-01T00:00:00.000Z' })
        const otherAction = anAudit({
          actorId: actor,
          action: 'points.adjust',
          at: '2026-03-15T00:00:00.000Z',
        })
        await appendAll([early, inside, atEnd, otherAction])

        const inMarch = await store.read.audit.search(
          {
            actorId: actor,
            action: 'star.override',
            from: '2026-03-01T00:00:00.000Z',
            to: '2026-04-01T00:00:00.000Z',
          },
          0,
          10,
        )
        const fromOnly = await store.read.audit.search(
          { actorId: actor, from: '2026-03-15T00:00:00.000Z' },
          0,
          10,
        )
        const toOnly = await store.read.audit.search(
          { actorId: actor, to: '2026-03-15T00:00:00.000Z' },
          0,
          10,
        )

        expect(inMarch.items).toEqual([inside, early])
        expect(fromOnly.items.map((r) => r.id).sort()).toEqual(
          [inside.id, atEnd.id, otherAction.id].sort(),
        )
        expect(toOnly.items).toEqual([early])
      })

      it('matches any of the target ids given, and nothing for an empty list', async () => {
        const member = unique('m')
        const suggestion = unique('sug')
        const aboutMember = anAudit({ targetId: member })
        const aboutSuggestion = anAudit({
          targetType: 'suggestion',
          targetId: suggestion,
          at: '2026-03-12T02:00:00.000Z',
        })
        await appendAll([aboutMember, aboutSuggestion, anAudit()])

        const found = await store.read.audit.search({ targetIds: [member, suggestion] }, 0, 10)
        const none = await store.read.audit.search({ targetIds: [] }, 0, 10)

        expect(found).toEqual({ items: [aboutSuggestion, aboutMember], total: 2 })
        expect(none).toEqual({ items: [], total: 0 })
      })
    })

    describe('staff.byId', () => {
      it('finds a staff account by its id, and nobody for an unknown id', async () => {
        const staff = {
          id: unique('staff'),
          openid: `o-${unique('staff')}`,
          name: '钱管理',
          role: 'admin' as const,
          site: null,
          status: 'active' as const,
          createdAt: '2026-01-10T02:00:00.000Z',
          version: 1,
        }
        await store.transaction((tx) => tx.staff.insert(staff))

        expect(await store.read.staff.byId(staff.id)).toEqual(staff)
        expect(await store.read.staff.byId(unique('staff'))).toBeNull()
      })
    })
  })
}
