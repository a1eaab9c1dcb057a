import Papa from 'papaparse'
import { adminReport, exportReport } from '../../../../cloudfunctions/_shared/use-cases/reports'
import type { AdminReport, ReportSection } from '@/contracts/reports'
import { aReportingYear } from '../../../support/report-flow'
import { callerOf } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

const MASKED_MOBILE = /^139\*{4}\d{4}$/
const MASKED_LICENCE = /^320\*{6}\d{3}$/

/** The CSV as rows of cells, without the BOM. */
const cellsOf = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, '')).data

describe('adminReport', () => {
  let t: ReturnType<typeof testDeps>
  let scene: Awaited<ReturnType<typeof aReportingYear>>
  let report: AdminReport
  beforeAll(async () => {
    t = testDeps()
    scene = await aReportingYear(t.deps, t.clock)
    const result = await adminReport(t.deps, callerOf(scene.admin.openid), { year: 2026 })
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    report = result.data
  })
  afterAll(() => t.cleanup())

  it('counts members in every status now, suspended, cancelled and withdrawn included', () => {
    expect(report.members.byStatus).toEqual([
      { status: 'pending', count: 1 },
      { status: 'active', count: 4 },
      { status: 'suspended', count: 1 },
      { status: 'rejected', count: 1 },
      { status: 'cancelled', count: 0 },
      { status: 'withdrawn', count: 0 },
    ])
    expect(report.members.total).toBe(7)
  })

  it("counts the year's stars: the adjustment's, first approvals' and an override", () => {
    expect(report.members.byStar).toEqual([
      { star: 1, count: 4 },
      { star: 2, count: 0 },
      { star: 3, count: 0 },
      { star: 4, count: 1 },
      { star: 5, count: 0 },
    ])
    expect(report.members.starred).toBe(5)
  })

  it('counts new members by the Shanghai month of approval (Shanghai midnight starts February)', () => {
    const counts = report.newMembers.months.map((m) => m.count)

    expect(counts).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(report.newMembers.total).toBe(3)
  })

  it('gives points issued, redeemed and expired per month, and per type and label', () => {
    const month = (mm: string) => report.points.months.find((m) => m.month === `2026-${mm}`)

    expect(month('03')).toEqual({
      month: '2026-03',
      issued: 120,
      redeemed: 1500,
      expired: 0,
      adjusted: 0,
      reversed: 0,
    })
    expect(month('04')).toMatchObject({ expired: 30 })
    expect(month('05')).toMatchObject({ issued: 50 })
    expect(month('06')).toMatchObject({ adjusted: 20 })
    expect(month('12')).toMatchObject({ issued: 0 })
    expect(report.points.totals).toEqual({
      issued: 170,
      redeemed: 1500,
      expired: 30,
      adjusted: 20,
      reversed: 0,
    })
    expect(report.points.byLabel).toEqual([
      { type: 'earn', label: 'purchase', points: 120, entries: 1 },
      { type: 'earn', label: 'event', points: 50, entries: 1 },
      { type: 'redeem', label: 'reward', points: -1500, entries: 1 },
      { type: 'expire', label: 'expiry', points: -30, entries: 1 },
      { type: 'adjust', label: 'correction', points: 20, entries: 1 },
    ])
  })

  it('gives sign-up, attendance and no-show rates of events ended in the year, and in all', () => {
    expect(report.events.events.map((e) => e.eventId)).toEqual([scene.settled.id, scene.empty.id])
    expect(report.events.events[0]).toMatchObject({
      capacity: 10,
      confirmed: 4,
      checkedIn: 3,
      noShows: 1,
      fillRate: 40,
      attendanceRate: 75,
      noShowRate: 25,
    })
    expect(report.events.events[1]).toMatchObject({
      confirmed: 0,
      fillRate: 0,
      attendanceRate: null,
      noShowRate: null,
    })
    expect(report.events.totals).toEqual({
      events: 2,
      capacity: 15,
      confirmed: 4,
      checkedIn: 3,
      noShows: 1,
      fillRate: 26.7,
      attendanceRate: 75,
      noShowRate: 25,
    })
  })

  it('lists the members in grace for the year and those forced out at its adjustment, masked', () => {
    expect(report.club.grace).toEqual([
      expect.objectContaining({
        memberId: scene.a.memberId,
        realName: '张宽限',
        graceYear: 2026,
        star: 1,
        cardNo: scene.a.cardNo,
      }),
    ])
    expect(report.club.exits).toEqual([
      expect.objectContaining({
        memberId: scene.b.memberId,
        realName: '李退出',
        since: '2026-01-01T00:30:00.000Z',
      }),
    ])
    for (const row of [...report.club.grace, ...report.club.exits]) {
      expect(row.mobileMasked).toMatch(MASKED_MOBILE)
      expect(row.licenceMasked).toMatch(MASKED_LICENCE)
    }
  })

  it('lists the open complaints past their 48-hour target now, with the hours overdue', () => {
    expect(report.complaints.overdue).toBe(1)
    expect(report.complaints.items).toEqual([
      expect.objectContaining({
        memberId: scene.a.memberId,
        realName: '张宽限',
        category: 'service',
        dueAt: '2026-11-22T00:00:00.000Z',
        hoursOverdue: 26,
      }),
    ])
    expect(report.complaints.items[0]!.mobileMasked).toMatch(MASKED_MOBILE)
    expect([...report.complaints.items[0]!.excerpt]).toHaveLength(40)
  })

  it("keeps another year's figures apart (the 2025 entry at 23:59:59 Shanghai, 31 December)", async () => {
    const result = await adminReport(t.deps, callerOf(scene.admin.openid), { year: 2025 })

    if (!result.ok) throw new Error(JSON.stringify(result.error))
    expect(result.data.points.months[11]).toMatchObject({ month: '2025-12', issued: 999 })
    expect(result.data.newMembers.months[5]).toEqual({ month: '2025-06', count: 2 })
    expect(result.data.events.events.map((e) => e.title)).toEqual(['去年的品鉴会'])
    expect(result.data.club.exits).toEqual([])
  })

  it('refuses clerks, reviewers, members and guests with AUTH codes', async () => {
    const clerk = await addStaff(t.deps, 'clerk')
    const callers = [
      callerOf(clerk.openid),
      callerOf(scene.reviewer.openid),
      callerOf(scene.a.openid),
      callerOf('o_nobody'),
      callerOf(''),
    ]

    for (const caller of callers) {
      const result = await adminReport(t.deps, caller, { year: 2026 })

      expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^AUTH\./) } })
    }
  })
})

describe('exportReport', () => {
  let t: ReturnType<typeof testDeps>
  let scene: Awaited<ReturnType<typeof aReportingYear>>
  beforeAll(async () => {
    t = testDeps()
    scene = await aReportingYear(t.deps, t.clock)
  })
  afterAll(() => t.cleanup())

  const exported = async (report: ReportSection, requestId = newRequestId()) => {
    const result = await exportReport(
      t.deps,
      callerOf(scene.admin.openid),
      { year: 2026, report },
      requestId,
    )
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    return result.data
  }

  it('exports the club lists as CSV for Excel with mobile and licence masked', async () => {
    const file = await exported('club')

    const [header, ...rows] = cellsOf(file.csv)
    expect(file.csv.startsWith('\uFEFF')).toBe(true)
    expect(file.filename).toBe('report-club-2026.csv')
    expect(file.rows).toBe(2)
    expect(header).toEqual([
      '名单',
      '姓名',
      '手机号',
      '许可证号',
      '会员卡号',
      '店铺',
      '当年星级',
      '时间',
    ])
    expect(rows).toEqual([
      [
        '宽限期',
        '张宽限',
        expect.stringMatching(MASKED_MOBILE),
        expect.stringMatching(MASKED_LICENCE),
        scene.a.cardNo,
        '建国便利店',
        '1星',
        '2026-12-31 止',
      ],
      [
        '强制退出',
        '李退出',
        expect.stringMatching(MASKED_MOBILE),
        expect.stringMatching(MASKED_LICENCE),
        scene.b.cardNo,
        '建国便利店',
        '1星',
        '2026-01-01 08:30',
      ],
    ])
    for (const form of [scene.a.form, scene.b.form]) {
      expect(file.csv).not.toContain(form.mobile)
      expect(file.csv).not.toContain(form.licenceNo)
    }
  })

  it('writes one audit record per export: who, which report and year, how many rows', async () => {
    await exported('events')

    const records = await t.deps.store.read.audit.forTarget('report', 'events:2026')
    expect(records).toEqual([
      expect.objectContaining({
        actorId: scene.admin.id,
        actorRole: 'admin',
        action: 'report.export',
        after: { report: 'events', year: 2026, rows: 2 },
      }),
    ])
  })

  it('gives the file again on a retry of the same request, with no second audit record', async () => {
    const requestId = newRequestId()

    const first = await exported('members', requestId)
    const second = await exported('members', requestId)

    expect(second).toEqual(first)
    expect(await t.deps.store.read.audit.forTarget('report', 'members:2026')).toHaveLength(1)
  })

  it.each([
    ['members', 11, ['会员状态', '审核中', '1']],
    ['newMembers', 12, ['2026-02', '2']],
    ['points', 18, ['2026-03', '120', '1500', '0', '0', '0']],
    [
      'events',
      2,
      [
        '新品品鉴会',
        '品鉴会',
        '2026-05-10 14:00',
        '2026-05-10 17:00',
        '10',
        '4',
        '3',
        '1',
        '40%',
        '75%',
        '25%',
      ],
    ],
    [
      'complaints',
      1,
      [
        '张宽限',
        expect.stringMatching(MASKED_MOBILE),
        '服务态度',
        expect.any(String),
        '2026-11-20 08:00',
        '2026-11-22 08:00',
        '26',
      ],
    ],
  ] as [ReportSection, number, unknown[]][])(
    'exports the %s section with %d data rows',
    async (section, rows, aRow) => {
      const file = await exported(section)

      expect(file.rows).toBe(rows)
      expect(cellsOf(file.csv)).toContainEqual(aRow)
    },
  )

  it('keeps a complaint that starts like a formula from running in Excel', async () => {
    await t.deps.store.transaction((tx) =>
      tx.complaints.save({
        id: 'formula-complaint',
        memberId: scene.d.memberId,
        category: 'other',
        text: '=HYPERLINK("http://example.com","点我")',
        photos: [],
        createdAt: '2026-11-19T00:00:00.000Z',
        dueAt: '2026-11-21T00:00:00.000Z',
        answer: null,
        answeredBy: null,
        answeredAt: null,
        version: 1,
      }),
    )

    const file = await exported('complaints')

    expect(cellsOf(file.csv).map((row) => row[3])).toContain(
      `'=HYPERLINK("http://example.com","点我")`,
    )
  })

  it('writes signed points as plain numbers Excel can add up, not as escaped text', async () => {
    const file = await exported('points')

    const lines = file.csv.split('\r\n')
    expect(lines).toContain('兑换,积分兑换,-1500,1,,')
    expect(lines).toContain('过期,积分过期,-30,1,,')
    expect(
      cellsOf(file.csv)
        .flat()
        .filter((cell) => cell.startsWith("'")),
    ).toEqual([])
  })

  it('refuses clerks, reviewers and members with AUTH codes, writing no audit record', async () => {
    const clerk = await addStaff(t.deps, 'clerk')
    const before = await t.deps.store.read.audit.forTarget('report', 'club:2026')

    for (const caller of [
      callerOf(clerk.openid),
      callerOf(scene.reviewer.openid),
      callerOf(scene.c.openid),
    ]) {
      const result = await exportReport(
        t.deps,
        caller,
        { year: 2026, report: 'club' },
        newRequestId(),
      )

      expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^AUTH\./) } })
    }
    expect(await t.deps.store.read.audit.forTarget('report', 'club:2026')).toEqual(before)
  })

  it('stores a small receipt of the request, never the file that names members', async () => {
    const requestId = newRequestId()

    await exported('club', requestId)

    const receipt = await t.deps.store.read.requests.get(requestId)
    expect(receipt?.result).toEqual({
      ok: true,
      data: { filename: 'report-club-2026.csv', rows: 2 },
    })
  })
})
