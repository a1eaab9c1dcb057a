import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Clock } from '../cloudfunctions/_shared/ports'

/**
 * The local host's movable clock (演示时钟): the real time plus an offset an admin may only grow,
 * so deadlines and timers can be tried in a demo. Never on CloudBase: there the clock is the
 * system's (cloudfunctions/_shared/deps.ts).
 */
export type DemoClock = Clock & {
  /** How far the clock runs ahead of the real one, in ms; 0 when not moved. */
  readonly movedByMs: number
  /** Moves the clock `ms` forward; a negative or non-finite amount is a programmer error. */
  moveForward(ms: number): void
  /** Moves the clock to `at`; a time before the clock's now is refused (thrown). */
  moveTo(at: Date): void
  /** Back to the real time. */
  reset(): void
}

type Saved = { movedByMs: number }

/**
 * A demo clock over `realNow` (the system clock in `npm start`, a fixed one in tests), its offset
 * kept in `file` (beside the store) so a restart keeps the moved time. A missing or unreadable
 * file is a clock that was never moved.
 */
export function createDemoClock(options: { file: string; realNow?: () => Date }): DemoClock {
  const realNow = options.realNow ?? (() => new Date())
  let movedByMs = readOffset(options.file)
  const save = (next: number) => {
    writeOffset(options.file, { movedByMs: next })
    movedByMs = next
  }
  return {
    now: () => new Date(realNow().getTime() + movedByMs),
    get movedByMs() {
      return movedByMs
    },
    moveForward(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new Error(`the demo clock only moves forward: ${ms}`)
      save(movedByMs + ms)
    },
    moveTo(at) {
      const ms = at.getTime() - (realNow().getTime() + movedByMs)
      if (!Number.isFinite(ms) || ms < 0) {
        throw new Error(`the demo clock only moves forward: ${at.toISOString()}`)
      }
      save(movedByMs + ms)
    },
    reset() {
      save(0)
    },
  }
}

function readOffset(file: string): number {
  if (!existsSync(file)) return 0
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<Saved>
    const ms = Number(saved.movedByMs)
    return Number.isFinite(ms) && ms > 0 ? ms : 0
  } catch {
    return 0
  }
}

/** Written beside and renamed over, so a crash never leaves half a file. */
function writeOffset(file: string, saved: Saved) {
  mkdirSync(dirname(file), { recursive: true })
  const next = `${file}.next`
  writeFileSync(next, JSON.stringify(saved) + '\n', { mode: 0o600 })
  renameSync(next, file)
}
