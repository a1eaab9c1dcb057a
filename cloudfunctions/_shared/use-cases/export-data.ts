import type { MyDataExport } from '../../../src/contracts/privacy'
import type { LedgerEntry } from '../../../src/domain/points/points'
import { ok, type Result } from '../../../src/domain/shared/result'
import { auditOf } from '../audit'
import { requireMember, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import { openMember } from '../member-sealing'
import type { Deps, MemberRecord, Repositories } from '../ports'
import { myDataViewOf } from './my-data'
import { withdrawalViewOf } from './withdrawal-views'

const LEDGER_PAGE = 500

/** The member's whole ledger, newest first, read page by page. */
async function wholeLedger(repos: Repositories, memberId: string): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = []
  for (;;) {
    const page = await repos.points.history(memberId, entries.length, LEDGER_PAGE)
    entries.push(...page.items)
    if (page.items.length === 0 || entries.length >= page.total) return entries
  }
}

/** Everything stored about the member, gathered from every area that keeps something. */
async function gather(deps: Deps, record: MemberRecord, exportedAt: string): Promise<MyDataExport> {
  const repos = deps.store.read
  const id = record.id
  const [card, account, ledger, vouchers, stars, club, signups, suggestions] = await Promise.all([
    record.cardNo ? repos.cards.byCardNo(record.cardNo) : Promise.resolve(null),
    repos.points.account(id),
    wholeLedger(repos, id),
    repos.vouchers.forMember(id),
    repos.stars.forMember(id),
    repos.clubs.byMember(id),
    repos.signups.forMember(id),
    repos.suggestions.forMember(id),
  ])
  const [complaints, sanctions, messages, withdrawals] = await Promise.all([
    repos.complaints.forMember(id),
    repos.sanctions.forMember(id),
    repos.outbox.forMember(id),
    repos.withdrawals.forMember(id),
  ])
  const member = openMember(record, deps.cipher)
  const {
    policyVersion: _p,
    consentVersion,
    consentAt,
    ...profile
  } = myDataViewOf(member, deps.settings.policyVersion)
  return {
    exportedAt,
    profile: {
      ...profile,
      referredBy: member.referredBy,
      submittedAt: member.submittedAt,
      reviewedAt: member.reviewedAt,
      updatedAt: member.updatedAt,
    },
    consent: { version: consentVersion, at: consentAt, policyVersion: deps.settings.policyVersion },
    // The card's secret and scan bookkeeping stay out: the secret would let anyone forge codes.
    card: card
      ? { cardNo: card.cardNo, status: card.status, version: card.version, issuedAt: card.issuedAt }
      : null,
    points: {
      balance: account?.balance ?? 0,
      lots: (account?.lots ?? []).map(({ earnedAt, expiresAt, remaining }) => ({
        earnedAt,
        expiresAt,
        remaining,
      })),
      ledger,
    },
    vouchers: vouchers.map((v) => ({
      code: v.code,
      itemName: v.itemName,
      points: v.points,
      faceValueFen: v.faceValueFen,
      pickupDate: v.pickupDate,
      status: v.status,
      issuedAt: v.issuedAt,
      usedAt: v.usedAt,
    })),
    stars,
    club,
    signups,
    suggestions,
    complaints,
    sanctions,
    notifications: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      payload: m.payload,
      createdAt: m.createdAt,
      status: m.status,
    })),
    withdrawals: withdrawals.map(withdrawalViewOf),
  }
}

/**
 * 导出我的数据 (SPEC §9): everything stored about the member, as JSON. Each export is audited as
 * `member.export` (actor: the member) once per request id; the export itself is never stored (it
 * is the personal data), so a retry gathers it again without a second audit row.
 */
export async function exportData(
  deps: Deps,
  caller: Caller,
  requestId: string,
): Promise<Result<MyDataExport>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const key = { requestId, openid: caller.openid, fn: 'member', action: 'exportData' }
  const logged = await idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    await tx.audit.append(
      auditOf(
        deps,
        { id: member.data.id, role: 'member' },
        {
          action: 'member.export',
          targetType: 'member',
          targetId: member.data.id,
          before: null,
          after: null,
          reason: null,
          requestId,
          now,
        },
      ),
    )
    return ok({ exportedAt: now.toISOString() })
  })
  if (!logged.ok) return logged
  const record = await deps.store.read.members.byId(member.data.id)
  return ok(await gather(deps, record ?? member.data, logged.data.exportedAt))
}
