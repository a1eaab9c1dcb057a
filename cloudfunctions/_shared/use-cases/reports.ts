import type {
  AdminReport,
  ClubListRow,
  OverdueComplaintRow,
  ReportExport,
  ReportMemberRow,
  ReportSection,
} from '../../../src/contracts/reports'
import type { Complaint } from '../../../src/domain/care/complaint'
import { FORCED_EXIT_REASON, type ClubMembership } from '../../../src/domain/club/club'
import { maskLicence, maskMobile } from '../../../src/domain/privacy/mask'
import { reportYearRange } from '../../../src/domain/report/report-calendar'
import {
  eventRates,
  hoursOverdue,
  membersByStar,
  membersByStatus,
  perMonth,
  pointsPerLabel,
  pointsPerMonth,
} from '../../../src/domain/report/report-rows'
import { ok, type Result } from '../../../src/domain/shared/result'
import { auditOf } from '../audit'
import { requireStaff, type Caller } from '../caller'
import { toCsv } from '../csv'
import { idempotent } from '../idempotent'
import type { Deps, Repositories } from '../ports'
import { reportTable } from './report-csv'

/** Rows read per query when walking a list (club states, open complaints). */
const PAGE = 200
/** Overdue complaints listed on the page and in the export; the count always covers them all. */
const OVERDUE_LISTED = { page: 200, export: 2000 }
/** Characters of a complaint shown on the report (the complaints page has the whole text). */
const EXCERPT_LENGTH = 40

/**
 * The admin reports (SPEC §11) for a year: members by status (now) and by star (of the year), new
 * members per month, points per month and label, event rates, the club's grace and forced-exit
 * lists, and the complaints overdue now. Admin only; personal data masked (SPEC §9).
 */
export async function adminReport(
  deps: Deps,
  caller: Caller,
  input: { year: number },
): Promise<Result<AdminReport>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  return ok(await buildReport(deps, input.year, OVERDUE_LISTED.page))
}

/**
 * One section of the year's report as CSV for Excel (UTF-8 with a BOM, as the attendance export),
 * masked as on the page. A bulk export by staff, so it is audited (SPEC §9) — once per request id:
 * a retry gives the file again without a second audit record.
 */
export async function exportReport(
  deps: Deps,
  caller: Caller,
  input: { year: number; report: ReportSection },
  requestId: string,
): Promise<Result<ReportExport>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const report = await buildReport(deps, input.year, OVERDUE_LISTED.export)
  const table = reportTable(report, input.report)
  const filename = `report-${input.report}-${input.year}.csv`
  const key = { requestId, openid: caller.openid, fn: 'admin', action: 'exportReport' }
  // Only the audit record and a small receipt are stored: never the file, which names members.
  const logged = await idempotent(deps, key, async (tx) => {
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: 'report.export',
        targetType: 'report',
        targetId: `${input.report}:${input.year}`,
        before: null,
        after: { report: input.report, year: input.year, rows: table.rows },
        reason: null,
        requestId,
        now: deps.clock.now(),
      }),
    )
    return ok({ filename, rows: table.rows })
  })
  if (!logged.ok) return logged
  return ok({ filename, csv: toCsv(table), rows: table.rows })
}

async function buildReport(deps: Deps, year: number, overdueListed: number): Promise<AdminReport> {
  const repos = deps.store.read
  const now = deps.clock.now()
  const { from, to } = reportYearRange(year)
  // Events count once they have ended: a report of the current year stops at now.
  const endedBy = to < now.toISOString() ? to : now.toISOString()
  const [statuses, stars, approvals, points, tallies] = await Promise.all([
    repos.reports.membersByStatus(),
    repos.reports.starsOfYear(year),
    repos.reports.approvalsByMonth(from, to),
    repos.reports.pointsByMonth(from, to),
    from < endedBy ? repos.reports.eventTallies(from, endedBy) : Promise.resolve([]),
  ])
  const people = memberRows(deps, repos, year)
  const byStatus = membersByStatus(statuses)
  const byStar = membersByStar(stars)
  const newMembers = perMonth(year, approvals)
  return {
    year,
    generatedAt: now.toISOString(),
    members: {
      byStatus: byStatus.rows,
      byStar: byStar.rows,
      total: byStatus.total,
      starred: byStar.total,
    },
    newMembers: { months: newMembers, total: newMembers.reduce((n, m) => n + m.count, 0) },
    points: { ...pointsPerMonth(year, points), byLabel: pointsPerLabel(points) },
    events: eventRates(tallies),
    club: await clubLists(repos, year, { from, to }, people),
    complaints: await overdueComplaints(repos, now, people, overdueListed),
  }
}

type MemberRows = (memberId: string) => Promise<ReportMemberRow>

/** Each member's masked row, read once per report however many lists name them. */
function memberRows(deps: Deps, repos: Repositories, year: number): MemberRows {
  const cache = new Map<string, Promise<ReportMemberRow>>()
  const read = async (memberId: string): Promise<ReportMemberRow> => {
    const [member, grant] = await Promise.all([
      repos.members.byId(memberId),
      repos.stars.get(memberId, year),
    ])
    return {
      memberId,
      realName: member?.realName ?? '',
      mobileMasked: member ? maskMobile(deps.cipher.open(member.mobile)) : '',
      licenceMasked: member ? maskLicence(deps.cipher.open(member.licence)) : '',
      cardNo: member?.cardNo ?? null,
      shopName: member?.shopName ?? '',
      star: grant?.star ?? null,
    }
  }
  return (memberId) => {
    let row = cache.get(memberId)
    if (!row) cache.set(memberId, (row = read(memberId)))
    return row
  }
}

/** Every membership in a state, in the repository's order (oldest state change first). */
async function allInState(repos: Repositories, state: ClubMembership['state']) {
  const all: ClubMembership[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await repos.clubs.listByState(state, offset, PAGE)
    all.push(...page.items)
    if (page.items.length < PAGE || offset + PAGE >= page.total) return all
  }
}

/**
 * The grace list of a year: members whose grace runs through that year (they fell below 3★ at
 * the adjustment that opened it). The exit list: members forced out by an adjustment run in that
 * year. Both read the memberships as they are now: a grace already settled by the next year's
 * adjustment shows as that year's exit (or not at all, once back to active).
 */
async function clubLists(
  repos: Repositories,
  year: number,
  range: { from: string; to: string },
  people: MemberRows,
): Promise<AdminReport['club']> {
  const [grace, exited] = await Promise.all([
    allInState(repos, 'grace'),
    allInState(repos, 'exited'),
  ])
  const row = async (club: ClubMembership): Promise<ClubListRow> => ({
    ...(await people(club.memberId)),
    since: club.since,
    graceYear: club.graceYear,
  })
  return {
    grace: await oneByOne(
      grace.filter((c) => c.graceYear === year),
      row,
    ),
    exits: await oneByOne(
      exited.filter(
        (c) => c.reason === FORCED_EXIT_REASON && c.since >= range.from && c.since < range.to,
      ),
      row,
    ),
  }
}

/** Open complaints past their reply target now, most overdue first (SPEC §8: 48 hours). */
async function overdueComplaints(
  repos: Repositories,
  now: Date,
  people: MemberRows,
  listed: number,
): Promise<AdminReport['complaints']> {
  const at = now.toISOString()
  const overdue = await repos.complaints.countOverdue(at)
  const wanted = Math.min(overdue, listed)
  const due: Complaint[] = []
  // Open complaints come by due time, so the overdue ones are the first of them.
  for (let offset = 0; due.length < wanted; offset += PAGE) {
    const page = await repos.complaints.list(false, offset, PAGE)
    const past = page.items.filter((c) => c.dueAt <= at)
    due.push(...past.slice(0, wanted - due.length))
    if (past.length < page.items.length || page.items.length < PAGE) break
  }
  const items = await oneByOne(due, async (c): Promise<OverdueComplaintRow> => {
    const person = await people(c.memberId)
    return {
      id: c.id,
      memberId: c.memberId,
      realName: person.realName,
      mobileMasked: person.mobileMasked,
      category: c.category,
      excerpt: [...c.text].slice(0, EXCERPT_LENGTH).join(''),
      createdAt: c.createdAt,
      dueAt: c.dueAt,
      hoursOverdue: hoursOverdue(c.dueAt, now),
    }
  })
  return { overdue, items }
}

/**
 * Maps the items one after another: a list may name hundreds of members, and CloudBase refuses
 * requests beyond its concurrency limit (EXCEED_CONCURRENT_REQUEST_LIMIT).
 */
async function oneByOne<T, R>(items: readonly T[], map: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (const item of items) out.push(await map(item))
  return out
}
