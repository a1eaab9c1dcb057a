import { shanghaiYear, shanghaiYearStart } from '@/domain/shared/calendar'
import Database from 'better-sqlite3'
import { DEMO_IDENTITIES } from '../../server/demo-identities'
import { seedDemoData, seedTodaysEvent } from '../../server/seed-demo'
import { isCheckInOpen } from '@/domain/event/check-in'
import { sqliteTestDeps } from '../support/test-deps'

/** Every row of every table in the SQLite file, read through a separate connection. */
function dumpDatabase(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true })
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[]
    return Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
    )
  } finally {
    db.close()
  }
}

describe('seedDemoData', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  beforeEach(() => (t = sqliteTestDeps()))
  afterEach(() => t.cleanup())

  it('loads the demo data into an empty store and says so', async () => {
    const seeded = await seedDemoData(t.deps)

    expect(seeded).toBe(true)
  })

  it('does nothing the second time: returns false and leaves every table as it was', async () => {
    await seedDemoData(t.deps)
    const before = dumpDatabase(t.file)

    const again = await seedDemoData(t.deps)

    expect(again).toBe(false)
    expect(dumpDatabase(t.file)).toEqual(before)
  })

  it('adds the three staff: a clerk, a reviewer and an admin', async () => {
    await seedDemoData(t.deps)

    const staff = await Promise.all(
      ['o_demo_clerk', 'o_demo_reviewer', 'o_demo_admin'].map((openid) =>
        t.deps.store.read.staff.byOpenid(openid),
      ),
    )

    expect(staff.map((s) => s?.role)).toEqual(['clerk', 'reviewer', 'admin'])
  })

  it('adds an active member holding an active card', async () => {
    await seedDemoData(t.deps)

    const member = await t.deps.store.read.members.byOpenid('o_demo_member')
    const card = member?.cardNo ? await t.deps.store.read.cards.byCardNo(member.cardNo) : null

    expect(member).toMatchObject({ status: 'active', cardNo: expect.any(String) })
    expect(card).toMatchObject({ memberId: member?.id, status: 'active' })
  })

  it('publishes a club-only tasting for 3★ and a sports day open to every member', async () => {
    await seedDemoData(t.deps)

    const events = await t.deps.store.read.events.list({ statuses: ['published'] }, 0, 10)

    expect(events.items.map((e) => [e.title, e.clubOnly, e.minStar]).sort()).toEqual([
      ['年度新品品鉴会', true, 3],
      ['零售户秋季运动会', false, null],
    ])
  })

  it('adds a member who earned 3000 points last year, for the annual star adjustment', async () => {
    await seedDemoData(t.deps)

    const member = await t.deps.store.read.members.byOpenid('o_demo_star')
    const lastYear = shanghaiYear(t.deps.clock.now()) - 1
    const entries = await t.deps.store.read.points.entriesBetween(
      [member!.id],
      shanghaiYearStart(lastYear).toISOString(),
      shanghaiYearStart(lastYear + 1).toISOString(),
    )

    expect(member).toMatchObject({ status: 'active', cardNo: expect.any(String) })
    expect(entries.map((e) => [e.type, e.points])).toEqual([['earn', 3000]])
    expect((await t.deps.store.read.members.listByStatus('active', 0, 100)).total).toBe(3) // with 王建国 and the club applicant 钱晓峰
  })

  it('adds one complaint past its 48-hour reply target, for the reviewers’ queue', async () => {
    await seedDemoData(t.deps)

    const open = await t.deps.store.read.complaints.list(false, 0, 10)

    expect(open.total).toBe(1)
    expect(await t.deps.store.read.complaints.countOverdue(t.deps.clock.now().toISOString())).toBe(
      1,
    )
  })

  it('adds a 4★ member (the admin set the star, with a reason) whose club application waits for review', async () => {
    await seedDemoData(t.deps)

    const member = await t.deps.store.read.members.byOpenid('o_demo_club')
    const stars = await t.deps.store.read.stars.forMember(member!.id)
    const waiting = await t.deps.store.read.clubs.listByState('applied', 0, 10)

    expect(stars).toContainEqual(
      expect.objectContaining({ star: 4, source: 'override', reason: expect.stringMatching(/\S/) }),
    )
    expect(waiting.total).toBe(1)
    expect(waiting.items[0]).toMatchObject({ memberId: member!.id, state: 'applied' })
  })

  it('adds one pending applicant', async () => {
    await seedDemoData(t.deps)

    const applicant = await t.deps.store.read.members.byOpenid('o_demo_applicant')

    expect(applicant).toMatchObject({ status: 'pending', cardNo: null })
    expect((await t.deps.store.read.members.listByStatus('pending', 0, 100)).total).toBe(1)
  })

  it('adds one rejected applicant with the reason for the rejection', async () => {
    await seedDemoData(t.deps)

    const rejected = await t.deps.store.read.members.byOpenid('o_demo_rejected')

    expect(rejected).toMatchObject({ status: 'rejected', cardNo: null })
    expect(rejected?.rejectReason).toMatch(/\S{2,}/)
    expect((await t.deps.store.read.members.listByStatus('rejected', 0, 100)).total).toBe(1)
  })

  it('gives every demo identity on the sign-in page an account to match its label', async () => {
    await seedDemoData(t.deps)

    const accounts = await Promise.all(
      DEMO_IDENTITIES.map(async ({ openid }) => ({
        openid,
        staff: (await t.deps.store.read.staff.byOpenid(openid))?.role ?? null,
        member: (await t.deps.store.read.members.byOpenid(openid))?.status ?? null,
      })),
    )

    expect(accounts).toEqual([
      { openid: 'o_demo_member', staff: null, member: 'active' },
      { openid: 'o_demo_star', staff: null, member: 'active' },
      { openid: 'o_demo_club', staff: null, member: 'active' },
      { openid: 'o_demo_applicant', staff: null, member: 'pending' },
      { openid: 'o_demo_rejected', staff: null, member: 'rejected' },
      { openid: 'o_demo_clerk', staff: 'clerk', member: null },
      { openid: 'o_demo_reviewer', staff: 'reviewer', member: null },
      { openid: 'o_demo_admin', staff: 'admin', member: null },
    ])
  })

  it('gives the demo member a ¥20 voucher ready to use at the counter', async () => {
    await seedDemoData(t.deps)

    const member = await t.deps.store.read.members.byOpenid('o_demo_member')
    const vouchers = await t.deps.store.read.vouchers.forMember(member!.id)

    expect(vouchers).toEqual([
      expect.objectContaining({ itemName: '¥20 代金券', status: 'issued', faceValueFen: 2000 }),
    ])
  })
})

describe('seedTodaysEvent', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  beforeEach(async () => {
    t = sqliteTestDeps('2026-12-07T12:10:00.000Z')
    await seedDemoData(t.deps)
  })
  afterEach(() => t.cleanup())

  it('publishes an event open for check-in now, the demo member and 孙丽华 signed up', async () => {
    const added = await seedTodaysEvent(t.deps)

    const published = await t.deps.store.read.events.list({ statuses: ['published'] }, 0, 10)
    const today = published.items.filter((e) => isCheckInOpen(e, t.deps.clock.now()))
    const signups = await t.deps.store.read.signups.forEvent(today[0]!.id, null, 0, 10)
    expect(added).toBe(true)
    expect(today.map((e) => [e.title, e.startAt])).toEqual([
      ['今日门店陈列实操培训', '2026-12-07T13:30:00.000Z'],
    ])
    expect(signups.items.map((s) => s.status)).toEqual(['confirmed', 'confirmed'])
  })

  it('adds nothing on a restart while that event is open, and a new one once it has closed', async () => {
    await seedTodaysEvent(t.deps)

    const sameDay = await seedTodaysEvent(t.deps)
    t.clock.set('2026-12-07T17:00:00.000Z')
    const later = await seedTodaysEvent(t.deps)

    const published = await t.deps.store.read.events.list({ statuses: ['published'] }, 0, 10)
    expect([sameDay, later]).toEqual([false, true])
    expect(published.items.filter((e) => e.title === '今日门店陈列实操培训')).toHaveLength(2)
  })
})
