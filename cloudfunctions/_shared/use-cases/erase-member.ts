import {
  DELETED_TEXT,
  erasedIndex,
  erasedOpenid,
  erasedProfile,
  personalNeedles,
  scrubPersonal,
} from '../../../src/domain/privacy/erasure'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { openMember } from '../member-sealing'
import type { Deps, MemberRecord, Repositories, WriteOutcome } from '../ports'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Erases a withdrawn member's personal data inside the caller's transaction (SPEC §9), after the
 * account is closed: no stored row keeps their name, mobile or licence, in clear or sealed.
 *
 * - The member row keeps its anonymous id, status, dates and card number; name, shop, address and
 *   birthday are blanked, the sealed mobile and licence become tombstones (`enc` '' and a blind
 *   index derived from the id only), the openid becomes `erased:<id>` (the WeChat user may
 *   register afresh) and the referral code is released.
 * - Stored copies are scrubbed: request-log results of the member (and staff results naming them),
 *   audit rows about them and what is theirs, outbox payloads (pending messages are skipped: the
 *   openid they would go to is gone), star-import rows holding their licence index.
 * - What they wrote (suggestions, complaints, appeals) becomes `[已删除]`, with the answers to
 *   it; withdrawal reasons are dropped; complaint photos are unlinked (the stored files stay: no
 *   port deletes them yet). Reasons staff wrote (sanctions, star overrides, club decisions, audit
 *   rows) keep their words but lose any of the member's values.
 *
 * Ledger rows are append-only and name the member by anonymous id only; they stay as they are.
 */
export async function eraseMember(
  deps: Deps,
  tx: Repositories,
  erase: { original: MemberRecord; closed: MemberRecord; now: Date },
): Promise<Result<MemberRecord>> {
  const { original, closed, now } = erase
  const id = original.id
  const clear = openMember(original, deps.cipher)
  const needles = personalNeedles([
    clear.realName,
    clear.mobile,
    clear.licenceNo,
    clear.shopName,
    clear.shopAddress,
    original.mobile.enc,
    original.mobile.hash,
    original.licence.enc,
    original.licence.hash,
    original.openid,
    original.unionid,
  ])
  const scrub = <T>(value: T) => scrubPersonal(value, needles)
  const saved = (outcomes: WriteOutcome[]) => outcomes.every((o) => o.ok)

  // 1. The member row.
  const erased: MemberRecord = {
    ...closed,
    ...erasedProfile(id),
    mobile: { enc: '', hash: erasedIndex(id, 'mobile') },
    licence: { enc: '', hash: erasedIndex(id, 'licence') },
    updatedAt: now.toISOString(),
    version: closed.version + 1,
  }
  if (!(await tx.members.update(erased)).ok) return writeConflict()

  // 2. What the member wrote, and the answers to it.
  const suggestions = await tx.suggestions.forMember(id)
  const complaints = await tx.complaints.forMember(id)
  const sanctions = await tx.sanctions.forMember(id)
  const withdrawals = await tx.withdrawals.forMember(id)
  const deleted = (text: string | null) => (text === null ? null : DELETED_TEXT)
  const writes: WriteOutcome[] = []
  for (const s of suggestions) {
    writes.push(
      await tx.suggestions.save({
        ...s,
        text: DELETED_TEXT,
        answer: deleted(s.answer),
        version: s.version + 1,
      }),
    )
  }
  for (const c of complaints) {
    writes.push(
      await tx.complaints.save({
        ...c,
        text: DELETED_TEXT,
        answer: deleted(c.answer),
        photos: [],
        version: c.version + 1,
      }),
    )
  }
  for (const s of sanctions) {
    const appeal = s.appeal && { ...s.appeal, text: DELETED_TEXT, note: scrub(s.appeal.note) }
    writes.push(
      await tx.sanctions.save({ ...s, reason: scrub(s.reason), appeal, version: s.version + 1 }),
    )
  }
  for (const w of withdrawals.filter((w) => w.reason !== null)) {
    writes.push(await tx.withdrawals.save({ ...w, reason: null, version: w.version + 1 }))
  }
  const club = await tx.clubs.byMember(id)
  if (club && club.reason !== scrub(club.reason)) {
    writes.push(
      await tx.clubs.save({ ...club, reason: scrub(club.reason), version: club.version + 1 }),
    )
  }
  if (!saved(writes)) return writeConflict()
  // An override's reason may name the member; the star itself stays.
  for (const grant of await tx.stars.forMember(id)) {
    if (grant.reason !== scrub(grant.reason))
      await tx.stars.put({ ...grant, reason: scrub(grant.reason) })
  }

  // 3. The request log: the member's own requests, and staff results that name them or what is
  // theirs. What the member wrote is deleted from those results whole.
  const owned = [
    id,
    ...(original.cardNo ? [original.cardNo] : []),
    ...suggestions.map((s) => s.id),
    ...complaints.map((c) => c.id),
    ...sanctions.map((s) => s.id),
    ...withdrawals.map((w) => w.id),
  ]
  for (const r of await tx.erasure.requestsNaming(original.openid, owned)) {
    const openid = r.openid === original.openid ? erasedOpenid(id) : r.openid
    const result = scrubPersonal(r.result, needles, { deleteWritten: true })
    if (openid !== r.openid || !same(result, r.result)) {
      await tx.erasure.rewriteRequest(r.requestId, openid, result)
    }
  }

  // 4. Audit rows about the member and what is theirs: who, what and when stay.
  for (const a of await tx.erasure.auditNaming(owned)) {
    const scrubbed = { before: scrub(a.before), after: scrub(a.after), reason: scrub(a.reason) }
    if (!same(scrubbed, { before: a.before, after: a.after, reason: a.reason })) {
      await tx.erasure.rewriteAudit(a.id, scrubbed)
    }
  }

  // 5. The outbox: payloads scrubbed; pending messages are skipped, their recipient is gone.
  for (const m of await tx.outbox.forMember(id)) {
    const delivery = await tx.outbox.get(m.id)
    if (!delivery) continue
    if (delivery.status === 'pending') {
      const skipped = await tx.outbox.save({
        ...delivery,
        status: 'skipped',
        nextAttemptAt: null,
        lastError: 'member-withdrawn',
        version: delivery.version + 1,
      })
      if (!skipped.ok) return writeConflict()
    }
    const payload = scrub(delivery.payload)
    if (!same(payload, delivery.payload)) await tx.erasure.rewriteOutboxPayload(m.id, payload)
  }

  // 6. Star imports: the licence's blind index becomes the tombstone, the star stays.
  for (const starImport of await tx.erasure.starImportsHolding(original.licence.hash)) {
    const rows = starImport.rows.map((row) =>
      row.licenceHash === original.licence.hash
        ? { ...row, licenceHash: erasedIndex(id, 'licence') }
        : row,
    )
    const outcome = await tx.starImports.save({
      ...starImport,
      rows,
      version: starImport.version + 1,
    })
    if (!outcome.ok) return writeConflict()
  }
  return ok(erased)
}
