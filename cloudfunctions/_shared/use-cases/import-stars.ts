import type { StarImportReport } from '../../../src/contracts/star-club'
import { maskLicence } from '../../../src/domain/privacy/mask'
import { ok, type Result } from '../../../src/domain/shared/result'
import {
  markUnknownLicences,
  MAX_IMPORT_ROWS,
  parseStarImport,
  type StarImportRow,
} from '../../../src/domain/star/star-import'
import {
  importEmpty,
  importInvalid,
  yearAlreadyAdjusted,
} from '../../../src/domain/star/star.errors'
import { invalidInput } from '../../../src/domain/shared/common.errors'
import type { StarValue } from '../../../src/domain/star/star'
import { auditOf } from '../audit'
import { requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps, Repositories } from '../ports'
import { adjustmentRunId } from './adjust-stars'

type Input = { year: number; csv: string }

/** Lookups run this many at a time: fast on SQLite, and gentle with CloudBase's request limits. */
const LOOKUPS_AT_ONCE = 20

/** The rows of the file, each with its problems, unknown licences included. */
async function checkedRows(deps: Deps, repos: Repositories, csv: string) {
  const rows = parseStarImport(csv)
  const known = new Map<string, string | null>()
  const candidates = rows.filter((r) => !r.problems.includes('licence-format'))
  for (let i = 0; i < candidates.length; i += LOOKUPS_AT_ONCE) {
    await Promise.all(
      candidates.slice(i, i + LOOKUPS_AT_ONCE).map(async (row) => {
        const hash = deps.cipher.blindIndex('licence', row.licenceNo)
        const member = await repos.members.byLicenceHash(hash)
        known.set(row.licenceNo, member?.status === 'active' ? hash : null)
      }),
    )
  }
  return {
    rows: markUnknownLicences(rows, (licenceNo) => Boolean(known.get(licenceNo))),
    hashOf: (licenceNo: string) => known.get(licenceNo) ?? null,
  }
}

function reportOf(year: number, rows: StarImportRow[], applied: number | null): StarImportReport {
  const problems = rows.filter((r) => r.problems.length > 0).length
  return {
    year,
    rows: rows.map((r) => ({
      line: r.line,
      licenceMasked: r.licenceNo ? maskLicence(r.licenceNo) : '',
      star: r.star,
      problems: r.problems,
      duplicateLines: r.duplicateLines,
    })),
    valid: rows.length - problems,
    problems,
    applied,
  }
}

const tooMany = () => invalidInput({ csv: `一次最多导入${MAX_IMPORT_ROWS}行` })

/**
 * The validation report of a star import (SPEC §3 "import"), per row: a malformed licence number,
 * a star outside 1–5, a licence listed twice, or one that belongs to no active member. Nothing is
 * stored.
 */
export async function previewStarImport(
  deps: Deps,
  caller: Caller,
  input: Input,
): Promise<Result<StarImportReport>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const { rows } = await checkedRows(deps, deps.store.read, input.csv)
  if (rows.length > MAX_IMPORT_ROWS) return tooMany()
  return ok(reportOf(input.year, rows, null))
}

/**
 * Applies a star import for `year` (the year the stars are for): only a file without a single
 * problem row, only before that year's adjustment has started (it then takes these values), all
 * rows at once replacing any earlier import for the year, audited with the counts per star.
 */
export async function applyStarImport(
  deps: Deps,
  caller: Caller,
  input: Input,
  requestId: string,
): Promise<Result<StarImportReport>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const key = { requestId, openid: caller.openid, fn: 'admin', action: 'applyStarImport' }
  return idempotent(deps, key, async (tx) => {
    if (await tx.jobs.get(adjustmentRunId(input.year))) return yearAlreadyAdjusted(input.year)
    const { rows, hashOf } = await checkedRows(deps, tx, input.csv)
    if (rows.length === 0) return importEmpty()
    if (rows.length > MAX_IMPORT_ROWS) return tooMany()
    const problems = rows.filter((r) => r.problems.length > 0).length
    if (problems > 0) return importInvalid(problems)
    const now = deps.clock.now()
    const previous = await tx.starImports.get(input.year)
    const stored = rows.map((r) => ({
      licenceHash: hashOf(r.licenceNo)!,
      star: r.star as StarValue,
    }))
    const saved = await tx.starImports.save({
      year: input.year,
      rows: stored,
      importedBy: admin.data.id,
      importedAt: now.toISOString(),
      version: (previous?.version ?? 0) + 1,
    })
    if (!saved.ok) return yearAlreadyAdjusted(input.year)
    const perStar = (list: { star: StarValue }[]) =>
      Object.fromEntries(
        [1, 2, 3, 4, 5].map((s) => [`star${s}`, list.filter((r) => r.star === s).length]),
      )
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: 'star.import',
        targetType: 'star-import',
        targetId: String(input.year),
        before: previous ? { rows: previous.rows.length, ...perStar(previous.rows) } : null,
        after: { rows: stored.length, ...perStar(stored) },
        reason: null,
        requestId,
        now,
      }),
    )
    return ok(reportOf(input.year, rows, stored.length))
  })
}
