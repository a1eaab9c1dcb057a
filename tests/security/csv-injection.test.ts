import Papa from 'papaparse'
import type { Deps } from '../../cloudfunctions/_shared/ports'
import { exportReport } from '../../cloudfunctions/_shared/use-cases/reports'
import { eventsFunction } from '../../cloudfunctions/events/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import { aRegistration } from '../support/builders'
import { aPublishedEvent } from '../support/event-flow'
import { approved, callerOf, newOpenid } from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'

/** What Excel, LibreOffice and Google Sheets read as the start of a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/

/** The CSV as rows of cells, without the BOM. */
const cellsOf = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, '')).data

/**
 * The attack: register as a retailer whose "real name" is a spreadsheet formula, sign up for an
 * event, and wait for a reviewer to export the attendance list and open it in Excel, where the cell
 * would run (`=cmd|' /C calc'!A0` starts a program through DDE, `=HYPERLINK` sends data away).
 * Such a name has letters and is no placeholder, so registration takes it as text; every export
 * writes it as text: the cell starts with a single quote and can no longer run.
 */
describe('a member named like a spreadsheet formula', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-05-10T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  /** Registers `realName` through the member function (the contract included), approved. */
  async function aMemberNamed(deps: Deps, realName: string) {
    const openid = newOpenid('o_formula')
    const answer = await memberFunction.handle(
      { action: 'register', payload: aRegistration({ realName }), requestId: newRequestId() },
      callerOf(openid),
      deps,
    )
    if (!answer.ok) throw new Error(`registration refused: ${JSON.stringify(answer.error)}`)
    const { memberId } = answer.data as { memberId: string }
    await approved(deps, await addStaff(deps, 'reviewer'), memberId)
    return openid
  }

  async function exportedAttendance(deps: Deps, names: string[]) {
    const event = await aPublishedEvent(deps)
    for (const name of names) {
      const openid = await aMemberNamed(deps, name)
      const signedUp = await eventsFunction.handle(
        { action: 'signUp', payload: { eventId: event.id }, requestId: newRequestId() },
        callerOf(openid),
        deps,
      )
      if (!signedUp.ok) throw new Error(`sign-up refused: ${JSON.stringify(signedUp.error)}`)
    }
    const reviewer = await addStaff(deps, 'reviewer')
    const answer = await eventsFunction.handle(
      { action: 'exportAttendance', payload: { eventId: event.id }, requestId: newRequestId() },
      callerOf(reviewer.openid),
      deps,
    )
    if (!answer.ok) throw new Error(`export refused: ${JSON.stringify(answer.error)}`)
    return answer.data as { csv: string; rows: number }
  }

  it.each([
    ['@SUM(1,2)'],
    ['=SUM(1,2)'],
    ['+SUM(1,2)'],
    ['-SUM(1,2)'],
    ["=cmd|' /C calc'!A0"],
    ['@王建国'],
  ])('writes the name %s into the attendance CSV as text that cannot run', async (name) => {
    const file = await exportedAttendance(t.deps, [name])

    const [header, ...rows] = cellsOf(file.csv)
    expect(header).toEqual(['序号', '姓名', '手机号', '会员卡号', '报名状态', '签到时间', '未到场'])
    expect(rows).toHaveLength(1)
    expect(rows[0]![1]).toBe(`'${name}`)
    expect(rows.flat().filter((cell) => FORMULA_START.test(cell))).toEqual([])
  })

  it('keeps a name that tries to open a cell of its own with a comma inside its one cell', async () => {
    const file = await exportedAttendance(t.deps, ['王建国,=SUM(1,2)', '李"=1+1'])

    const rows = cellsOf(file.csv).slice(1)
    expect(rows.map((row) => row.length)).toEqual([7, 7])
    expect(rows.map((row) => row[1])).toEqual(['王建国,=SUM(1,2)', '李"=1+1'])
    expect(rows.flat().filter((cell) => FORMULA_START.test(cell))).toEqual([])
  })

  it('writes the sequence numbers it counts itself as plain numbers', async () => {
    const file = await exportedAttendance(t.deps, ['@SUM(1,2)', '王建国'])

    const lines = file.csv.replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[1]).toMatch(/^1,"'@SUM\(1,2\)",/)
    expect(lines[2]).toMatch(/^2,王建国,/)
  })

  it('writes an event title that starts like a formula into the events report as text', async () => {
    const admin = await addStaff(t.deps, 'admin')
    const event = await aPublishedEvent(t.deps, { title: '@SUM(1,2)品鉴会' }, admin)
    t.clock.set(new Date(Date.parse(event.endAt) + 60 * 60 * 1000).toISOString())

    const answer = await exportReport(
      t.deps,
      callerOf(admin.openid),
      { year: 2026, report: 'events' },
      newRequestId(),
    )

    if (!answer.ok) throw new Error(JSON.stringify(answer.error))
    const rows = cellsOf(answer.data.csv).slice(1)
    expect(rows.map((row) => row[0])).toContain(`'@SUM(1,2)品鉴会`)
    expect(rows.flat().filter((cell) => FORMULA_START.test(cell))).toEqual([])
  })
})
