import { awardEventPoints } from '../../../cloudfunctions/_shared/points-credit'
import { aMemberAtTheCounter } from '../../support/points-flow'
import { testDeps } from '../../support/test-deps'

describe('awardEventPoints', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps()))
  afterEach(() => t.cleanup())

  const award = (memberId: string, eventId = 'ev-lake-run') =>
    t.deps.store.transaction((tx) =>
      awardEventPoints(tx, {
        eventId,
        eventTitle: '湖畔跑',
        memberId,
        points: 300,
        actorId: 'staff-clerk',
        requestId: null,
        now: t.deps.clock.now(),
      }),
    )

  it('credits an event’s points once per member per event, as an event lot', async () => {
    const { member } = await aMemberAtTheCounter(t.deps)

    const first = await award(member.id)
    const second = await award(member.id)

    expect([first, second]).toEqual([true, false])
    expect((await t.deps.store.read.points.account(member.id))?.balance).toBe(300)
    const history = await t.deps.store.read.points.history(member.id, 0, 10)
    expect(history.items).toEqual([
      expect.objectContaining({ type: 'earn', label: 'event', points: 300, note: '湖畔跑' }),
    ])
  })

  it('credits the same member again for another event', async () => {
    const { member } = await aMemberAtTheCounter(t.deps)

    await award(member.id, 'ev-1')
    await award(member.id, 'ev-2')

    expect((await t.deps.store.read.points.account(member.id))?.balance).toBe(600)
  })
})
