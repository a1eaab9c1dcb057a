import { adjustStars } from '../../../../cloudfunctions/_shared/use-cases/adjust-stars'
import {
  applyStarImport,
  previewStarImport,
} from '../../../../cloudfunctions/_shared/use-cases/import-stars'
import { anActiveMember, callerOf, registered } from '../../../support/registration-flow'
import { aRegistration } from '../../../support/builders'
import { TIMER } from '../../../support/star-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('star import', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2025-12-20T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  async function scene() {
    const admin = await addStaff(t.deps, 'admin')
    const reviewer = await addStaff(t.deps, 'reviewer')
    const a = await anActiveMember(t.deps, reviewer)
    const b = await anActiveMember(t.deps, reviewer)
    return { admin: callerOf(admin.openid), a, b }
  }

  it('reports every row with its problems before anything is applied', async () => {
    const { admin, a, b } = await scene()
    const pending = aRegistration()
    await registered(t.deps, 'o_pending_importee', pending)
    const csv = [
      '许可证号,星级',
      `${a.form.licenceNo},4`,
      `${b.form.licenceNo},6`,
      '12,3',
      '999999999999,2',
      `${pending.licenceNo},3`,
      `${a.form.licenceNo},5`,
      'only-one-column',
    ].join('\n')
    const before = t.snapshot()

    const report = await previewStarImport(t.deps, admin, { year: 2026, csv })

    expect(report.ok).toBe(true)
    if (!report.ok) return
    expect(report.data.rows.map((r) => [r.line, r.problems])).toEqual([
      [2, ['duplicate']],
      [3, ['star-invalid']],
      [4, ['licence-format']],
      [5, ['unknown-licence']],
      [6, ['unknown-licence']],
      [7, ['duplicate']],
      [8, ['columns', 'licence-format', 'star-invalid']],
    ])
    expect(report.data.rows[0]!.duplicateLines).toEqual([2, 7])
    expect(report.data.rows[0]!.licenceMasked).not.toContain(a.form.licenceNo)
    expect(report.data).toMatchObject({ valid: 0, problems: 7, applied: null })
    expect(t.snapshot()).toEqual(before)
  })

  it('applies a clean file at once for the year, audited with the counts per star', async () => {
    const { admin, a, b } = await scene()
    const csv = `${a.form.licenceNo},4\n${b.form.licenceNo},2\n`

    const result = await applyStarImport(t.deps, admin, { year: 2026, csv }, newRequestId())

    expect(result).toMatchObject({ ok: true, data: { applied: 2, problems: 0 } })
    const stored = await t.deps.store.read.starImports.get(2026)
    expect(stored?.rows.map((r) => r.star)).toEqual([4, 2])
    const [audit] = await t.deps.store.read.audit.forTarget('star-import', '2026')
    expect(audit).toMatchObject({
      action: 'star.import',
      after: { rows: 2, star2: 1, star4: 1 },
    })
  })

  it('applies nothing when one row has a problem', async () => {
    const { admin, a } = await scene()
    const before = t.snapshot()

    const result = await applyStarImport(
      t.deps,
      admin,
      { year: 2026, csv: `${a.form.licenceNo},4\nNOPE,9` },
      newRequestId(),
    )

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'STAR.IMPORT_INVALID', fields: { csv: '有1行数据有误' } },
    })
    expect(t.snapshot()).toEqual(before)
  })

  it('refuses a file without data rows', async () => {
    const { admin } = await scene()

    const result = await applyStarImport(
      t.deps,
      admin,
      { year: 2026, csv: '许可证号,星级\n\n' },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'STAR.IMPORT_EMPTY' } })
  })

  it('replaces an earlier import for the same year', async () => {
    const { admin, a, b } = await scene()
    await applyStarImport(
      t.deps,
      admin,
      { year: 2026, csv: `${a.form.licenceNo},4` },
      newRequestId(),
    )

    await applyStarImport(
      t.deps,
      admin,
      { year: 2026, csv: `${b.form.licenceNo},5` },
      newRequestId(),
    )

    const stored = await t.deps.store.read.starImports.get(2026)
    expect(stored).toMatchObject({ version: 2, rows: [{ star: 5 }] })
  })

  it("is refused once that year's adjustment has started", async () => {
    const { admin, a } = await scene()
    t.clock.set('2025-12-31T16:05:00.000Z')
    await adjustStars(t.deps, TIMER, { limit: 1 })

    const result = await applyStarImport(
      t.deps,
      admin,
      { year: 2026, csv: `${a.form.licenceNo},4` },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: false, error: { code: 'STAR.YEAR_ALREADY_ADJUSTED' } })
  })

  it('is for admins only', async () => {
    const { a } = await scene()
    const reviewer = await addStaff(t.deps, 'reviewer')

    const preview = await previewStarImport(t.deps, callerOf(reviewer.openid), {
      year: 2026,
      csv: `${a.form.licenceNo},4`,
    })

    expect(preview).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})
