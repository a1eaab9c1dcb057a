import type { CsvExport, RosterEntry, RosterView } from '../../../src/contracts/events.contract'
import { eventNotFound, notSelection } from '../../../src/domain/event/event.errors'
import {
  rejectApplicant,
  selectApplicant,
  type Signup,
  type SignupStatus,
} from '../../../src/domain/event/signup'
import { maskMobile } from '../../../src/domain/privacy/mask'
import { formatShanghaiDateTime } from '../../../src/domain/shared/calendar'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { auditOf } from '../audit'
import { requireStaff, type Caller } from '../caller'
import { toCsv, type CsvCell } from '../csv'
import { eventView } from '../event-views'
import { idempotent } from '../idempotent'
import type { Deps, Repositories } from '../ports'
import { standingOf } from '../star-views'

const YEAR_MS = 365 * 24 * 60 * 60 * 1000
/** Sign-ups read per query for the export. */
const PAGE = 200
/**
 * Applicants rejected per transaction when a selection closes: each costs four requests on
 * CloudBase (read, write, the notice's check and add), so a step is a second or so.
 */
const APPLICANTS_PER_STEP = 50
/**
 * How long one call keeps closing (the events function has 15 s on CloudBase); the staff page calls
 * again until `done`, each call carrying on where the last stopped.
 */
const CLOSE_BUDGET_MS = 8_000

async function entryOf(
  deps: Deps,
  repos: Repositories,
  signup: Signup,
  now: Date,
): Promise<RosterEntry> {
  const [member, standing, history] = await Promise.all([
    repos.members.byId(signup.memberId),
    standingOf(repos, signup.memberId, now),
    repos.signups.forMember(signup.memberId),
  ])
  const lastYear = history.filter((s) => now.getTime() - Date.parse(s.createdAt) < YEAR_MS)
  return {
    memberId: signup.memberId,
    realName: member?.realName ?? '',
    mobileMasked: member ? maskMobile(deps.cipher.open(member.mobile)) : '',
    cardNo: member?.cardNo ?? null,
    star: standing.star,
    status: signup.status,
    seq: signup.seq,
    checkedInAt: signup.checkedInAt,
    noShow: signup.noShowAt !== null,
    attended: lastYear.filter((s) => s.checkedInAt).length,
    noShows: lastYear.filter((s) => s.noShowAt).length,
  }
}

/**
 * Staff see an event's sign-ups in arrival order — with each member's star and attendance of the
 * past 12 months, for selection — and the live counts (signed up, waitlisted, checked in). Clerks
 * read it at the venue; reviewers, who select applicants, read it to choose.
 */
export async function eventRoster(
  deps: Deps,
  caller: Caller,
  input: { eventId: string; status?: SignupStatus; offset: number; limit: number },
): Promise<Result<RosterView>> {
  const staff = await requireStaff(deps, caller, ['clerk', 'reviewer'])
  if (!staff.ok) return staff
  const repos = deps.store.read
  const event = await repos.events.byId(input.eventId)
  if (!event) return eventNotFound()
  const now = deps.clock.now()
  const [page, waitlisted, applied] = await Promise.all([
    repos.signups.forEvent(event.id, input.status ?? null, input.offset, input.limit),
    repos.signups.forEvent(event.id, 'waitlisted', 0, 1),
    repos.signups.forEvent(event.id, 'applied', 0, 1),
  ])
  return ok({
    event: eventView(event),
    items: await Promise.all(page.items.map((s) => entryOf(deps, repos, s, now))),
    total: page.total,
    counts: {
      confirmed: event.confirmed,
      waitlisted: waitlisted.total,
      applied: applied.total,
      checkedIn: event.checkedIn,
    },
  })
}

/** Staff select an applicant of a selection-mode event, up to capacity; the member is told. */
export async function selectForEvent(
  deps: Deps,
  caller: Caller,
  input: { eventId: string; memberId: string },
  requestId: string,
): Promise<Result<{ confirmed: number }>> {
  const staff = await requireStaff(deps, caller, 'reviewer')
  if (!staff.ok) return staff
  const key = { requestId, openid: caller.openid, fn: 'events', action: 'select' }
  return idempotent(deps, key, async (tx) => {
    const event = await tx.events.byId(input.eventId)
    if (!event) return eventNotFound()
    const now = deps.clock.now()
    const selected = selectApplicant(event, await tx.signups.get(event.id, input.memberId), now)
    if (!selected.ok) return selected
    if (!(await tx.events.save(selected.data.event)).ok) return writeConflict()
    if (!(await tx.signups.save(selected.data.signup)).ok) return writeConflict()
    await tx.outbox.add({
      id: `event-selected:${event.id}:${input.memberId}`,
      memberId: input.memberId,
      kind: 'event.selected',
      payload: { eventId: event.id, title: event.title, startAt: event.startAt, selected: true },
      createdAt: now.toISOString(),
      status: 'pending',
    })
    return ok({ confirmed: selected.data.event.confirmed })
  })
}

/**
 * Staff close a selection: every applicant not selected is told so. Naturally idempotent: a
 * second call finds no applicants left.
 */
export async function closeSelection(
  deps: Deps,
  caller: Caller,
  input: { eventId: string },
): Promise<Result<{ rejected: number; done: boolean }>> {
  const staff = await requireStaff(deps, caller, 'reviewer')
  if (!staff.ok) return staff
  const event = await deps.store.read.events.byId(input.eventId)
  if (!event) return eventNotFound()
  if (event.mode !== 'selection') return notSelection()
  const started = deps.clock.now().getTime()
  let rejected = 0
  for (;;) {
    // Always the first page: each pass turns the applicants it read into rejections.
    const page = await deps.store.read.signups.forEvent(event.id, 'applied', 0, APPLICANTS_PER_STEP)
    if (page.items.length === 0) return ok({ rejected, done: true })
    // Counted from what the committed run returns: a transaction may run more than once.
    rejected += await deps.store.transaction(async (tx) => {
      const now = deps.clock.now()
      let count = 0
      for (const applicant of page.items) {
        const current = await tx.signups.get(applicant.eventId, applicant.memberId)
        if (current?.status !== 'applied') continue
        if (!(await tx.signups.save(rejectApplicant(current, now))).ok)
          throw new Error('sign-up changed')
        await tx.outbox.add({
          id: `event-selected:${event.id}:${current.memberId}`,
          memberId: current.memberId,
          kind: 'event.selected',
          payload: {
            eventId: event.id,
            title: event.title,
            startAt: event.startAt,
            selected: false,
          },
          createdAt: now.toISOString(),
          status: 'pending',
        })
        count += 1
      }
      return count
    })
    if (deps.clock.now().getTime() - started > CLOSE_BUDGET_MS) {
      return ok({ rejected, done: page.total <= page.items.length })
    }
  }
}

/** The attendance list as CSV (SPEC §7, §9: mobile masked); each export is audited. */
export async function exportAttendance(
  deps: Deps,
  caller: Caller,
  input: { eventId: string },
  requestId: string,
): Promise<Result<CsvExport>> {
  const staff = await requireStaff(deps, caller, 'reviewer')
  if (!staff.ok) return staff
  const repos = deps.store.read
  const event = await repos.events.byId(input.eventId)
  if (!event) return eventNotFound()
  const now = deps.clock.now()
  const rows: CsvCell[][] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await repos.signups.forEvent(event.id, null, offset, PAGE)
    for (const s of page.items) {
      const e = await entryOf(deps, repos, s, now)
      rows.push([
        e.seq,
        e.realName,
        e.mobileMasked,
        e.cardNo ?? '',
        STATUS_TEXT[e.status],
        e.checkedInAt ? formatShanghaiDateTime(e.checkedInAt) : '',
        e.noShow ? '是' : '',
      ])
    }
    if (offset + PAGE >= page.total) break
  }
  const csv = toCsv({
    fields: ['序号', '姓名', '手机号', '会员卡号', '报名状态', '签到时间', '未到场'],
    data: rows,
  })
  await deps.store.transaction((tx) =>
    tx.audit.append(
      auditOf(deps, staff.data, {
        action: 'event.export',
        targetType: 'event',
        targetId: event.id,
        before: null,
        after: { rows: rows.length },
        reason: null,
        requestId,
        now,
      }),
    ),
  )
  return ok({ filename: `attendance-${event.id}.csv`, csv, rows: rows.length })
}

const STATUS_TEXT: Record<SignupStatus, string> = {
  confirmed: '已确认',
  waitlisted: '候补',
  applied: '待遴选',
  rejected: '未入选',
  cancelled: '已取消',
}
