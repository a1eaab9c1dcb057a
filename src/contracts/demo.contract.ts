import * as z from 'zod'
import { defineContract } from './define'

/** The longest single move: enough to try a year's star adjustment, with room to spare. */
const MAX_DAYS = 400

/**
 * How far (hours and/or days) or to when (`to`, an ISO instant) to move the demo clock: one of
 * the two ways, forward only (the use case refuses a `to` before the clock's now).
 */
export const moveClockInput = z
  .object({
    hours: z
      .number({ error: '小时数必须是数字' })
      .int('小时数必须是整数')
      .min(1, '至少拨快1小时')
      .max(MAX_DAYS * 24, `一次最多拨快${MAX_DAYS * 24}小时`)
      .optional(),
    days: z
      .number({ error: '天数必须是数字' })
      .int('天数必须是整数')
      .min(1, '至少拨快1天')
      .max(MAX_DAYS, `一次最多拨快${MAX_DAYS}天`)
      .optional(),
    to: z.iso.datetime({ offset: true, error: '目标时间格式不正确' }).optional(),
  })
  .strict()
  .superRefine((move, ctx) => {
    const by = move.hours !== undefined || move.days !== undefined
    if (!by && move.to === undefined) {
      ctx.addIssue({ code: 'custom', path: ['_'], message: '请选择拨快多少或拨到何时' })
    }
    if (by && move.to !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '拨快时长与目标时间只能选一个' })
    }
  })
export type MoveClockInput = z.input<typeof moveClockInput>

/**
 * demo: the local host's demo clock (演示时钟). Served by the local host only (server/), never
 * deployed to CloudBase: there is no cloudfunctions/demo and no entry in cloudbaserc.json.
 */
export const demoContract = defineContract('demo', {
  /** The clock everything on this host runs by, and how far it is moved (anyone, guests too). */
  clock: { input: z.object({}).strict(), mutating: false },
  /** An admin moves the clock forward, then the job timers that fell due run at once; audited. */
  moveClock: { input: moveClockInput, mutating: true },
  /** An admin returns the clock to the real time; audited. */
  resetClock: { input: z.object({}).strict(), mutating: true },
})

export type DemoClockView = {
  /** The demo clock's now (ISO). */
  now: string
  /** How far it runs ahead of the real time, in ms; 0 when not moved. */
  movedByMs: number
}

/** One job timer run after a move: its trigger name (cloudbaserc.json), action and outcome. */
export type DemoJobRun = { timer: string; action: string; ok: boolean }

export type ClockMovedView = DemoClockView & {
  /** The timers whose schedule fell within the skipped time, each run once at the new time. */
  jobs: DemoJobRun[]
}
