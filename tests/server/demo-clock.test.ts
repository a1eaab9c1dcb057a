import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDemoClock } from '../../server/demo-clock'
import { fixedClock } from '../support/test-deps'

const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('createDemoClock', () => {
  let dir: string
  let file: string
  const real = fixedClock('2026-12-07T02:00:00.000Z')
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'club-demo-clock-'))
    file = join(dir, 'data', 'demo-clock.json')
    real.set('2026-12-07T02:00:00.000Z')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('tells the real time until it is moved', () => {
    const clock = createDemoClock({ file, realNow: real.now })

    expect(clock.now().toISOString()).toBe('2026-12-07T02:00:00.000Z')
    expect(clock.movedByMs).toBe(0)
    expect(existsSync(file)).toBe(false)
  })

  it('moved forward, runs ahead of the real time by the move, and goes on with it', () => {
    const clock = createDemoClock({ file, realNow: real.now })

    clock.moveForward(DAY)
    real.set('2026-12-07T03:00:00.000Z')

    expect(clock.now().toISOString()).toBe('2026-12-08T03:00:00.000Z')
    expect(clock.movedByMs).toBe(DAY)
  })

  it('moved to an instant, shows that instant; moves add up', () => {
    const clock = createDemoClock({ file, realNow: real.now })

    clock.moveForward(HOUR)
    clock.moveTo(new Date('2026-12-20T02:00:00.000Z'))

    expect(clock.now().toISOString()).toBe('2026-12-20T02:00:00.000Z')
    expect(clock.movedByMs).toBe(13 * DAY)
  })

  it.each([
    ['a negative move', (c: ReturnType<typeof createDemoClock>) => c.moveForward(-1)],
    ['a move by NaN', (c: ReturnType<typeof createDemoClock>) => c.moveForward(Number.NaN)],
    [
      'a move to before its now',
      (c: ReturnType<typeof createDemoClock>) => c.moveTo(new Date('2026-12-07T03:59:59.999Z')),
    ],
  ])('refuses %s: it only goes forward, or back to the real time', (_, move) => {
    const clock = createDemoClock({ file, realNow: real.now })
    clock.moveForward(2 * HOUR)

    expect(() => move(clock)).toThrow('only moves forward')
    expect(clock.movedByMs).toBe(2 * HOUR)
  })

  it('reset, tells the real time again', () => {
    const clock = createDemoClock({ file, realNow: real.now })
    clock.moveForward(30 * DAY)

    clock.reset()

    expect(clock.now().toISOString()).toBe('2026-12-07T02:00:00.000Z')
    expect(clock.movedByMs).toBe(0)
  })

  it('keeps the move in its file, so a restarted host is still ahead', () => {
    createDemoClock({ file, realNow: real.now }).moveForward(7 * DAY)

    const restarted = createDemoClock({ file, realNow: real.now })

    expect(restarted.movedByMs).toBe(7 * DAY)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ movedByMs: 7 * DAY })
  })

  it.each([
    ['unreadable', 'not json'],
    ['negative', '{"movedByMs":-5}'],
    ['not a number', '{"movedByMs":"soon"}'],
  ])('reads an %s file as a clock never moved', (_, text) => {
    createDemoClock({ file, realNow: real.now }).reset()
    writeFileSync(file, text)

    const clock = createDemoClock({ file, realNow: real.now })

    expect(clock.movedByMs).toBe(0)
  })
})
