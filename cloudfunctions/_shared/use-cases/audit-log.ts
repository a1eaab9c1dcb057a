import type { AuditEntryView, AuditLogPage } from '../../../src/contracts/reports'
import { memberNotFound } from '../../../src/domain/member/member.errors'
import { shanghaiDaysRange } from '../../../src/domain/report/report-calendar'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireStaff, type Caller } from '../caller'
import type { AuditFilter, AuditRecord, Deps, MemberRecord, Repositories } from '../ports'

/** Ledger entries read per page when looking for a member's reversed entries. */
const LEDGER_PAGE = 500
/** A member's ledger is searched this far back for reversals (the newest entries first). */
const LEDGER_SCANNED = 5_000
/** At most this many target ids go into one search (a member and what is theirs). */
const MAX_TARGET_IDS = 500

export type AuditLogInput = {
  actorId?: string
  member?: string
  action?: string
  from?: string
  to?: string
  offset: number
  limit: number
}

/**
 * The audit log (审计日志) for admins: every privileged action's record (SPEC §1), newest first,
 * filtered by who acted, by member, by action and by Shanghai dates (both days included). A
 * member — given by id or 12-digit card number — matches the records about the member and those
 * about what is the member's: suggestions, complaints, sanctions and reversed ledger entries.
 */
export async function auditLog(
  deps: Deps,
  caller: Caller,
  input: AuditLogInput,
): Promise<Result<AuditLogPage>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const repos = deps.store.read
  const filter: AuditFilter = { ...shanghaiDaysRange(input.from, input.to) }
  if (input.actorId) filter.actorId = input.actorId
  if (input.action) filter.action = input.action
  if (input.member) {
    const member = /^\d{12}$/.test(input.member)
      ? await repos.members.byCardNo(input.member)
      : await repos.members.byId(input.member)
    if (!member) return memberNotFound()
    filter.targetIds = await targetsOf(repos, member)
  }
  const page = await repos.audit.search(filter, input.offset, input.limit)
  const names = await actorNames(repos, page.items)
  return ok({
    items: page.items.map((r): AuditEntryView => ({
      id: r.id,
      at: r.at,
      actorId: r.actorId,
      actorName: names.get(r.actorId) ?? null,
      actorRole: r.actorRole,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      reason: r.reason,
      before: r.before,
      after: r.after,
    })),
    total: page.total,
  })
}

/** The ids an audit record about this member, or about something of theirs, targets. */
async function targetsOf(repos: Repositories, member: MemberRecord): Promise<string[]> {
  const [suggestions, complaints, sanctions] = await Promise.all([
    repos.suggestions.forMember(member.id),
    repos.complaints.forMember(member.id),
    repos.sanctions.forMember(member.id),
  ])
  const ids = [
    member.id,
    ...suggestions.map((s) => s.id),
    ...complaints.map((c) => c.id),
    ...sanctions.map((s) => s.id),
    ...(await reversedEntries(repos, member.id)),
  ]
  return [...new Set(ids)].slice(0, MAX_TARGET_IDS)
}

/** The member's ledger entries an admin reversed (a reversal's reference is the entry reversed). */
async function reversedEntries(repos: Repositories, memberId: string): Promise<string[]> {
  const reversed: string[] = []
  for (let offset = 0; offset < LEDGER_SCANNED; offset += LEDGER_PAGE) {
    const page = await repos.points.history(memberId, offset, LEDGER_PAGE)
    for (const entry of page.items) if (entry.type === 'reverse') reversed.push(entry.reference)
    if (page.items.length < LEDGER_PAGE) break
  }
  return reversed
}

/** Who acted, by name: a staff member, or a member acting on their own account. */
async function actorNames(
  repos: Repositories,
  records: readonly AuditRecord[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for (const record of records) {
    if (names.has(record.actorId)) continue
    if (record.actorRole === 'member') {
      const member = await repos.members.byId(record.actorId)
      if (member) names.set(record.actorId, member.realName)
      continue
    }
    const staff = await repos.staff.byId(record.actorId)
    if (staff) names.set(record.actorId, staff.name)
  }
  return names
}
