import * as net from 'node:net'
import * as tcb from '@cloudbase/node-sdk'
import { main as adminMain } from '../../../cloudfunctions/admin/index'
import { main as cardMain } from '../../../cloudfunctions/card/index'
import { main as eventsMain } from '../../../cloudfunctions/events/index'
import { JOB_TIMERS, main as jobsMain } from '../../../cloudfunctions/jobs/index'
import { main as memberMain } from '../../../cloudfunctions/member/index'
import { main as pointsMain } from '../../../cloudfunctions/points/index'
import {
  cloudbaseStore,
  type CloudbaseDb,
} from '../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-store'
import { createDeps } from '../../../cloudfunctions/_shared/deps'
import { fixedClock, TEST_DATA_KEY } from '../../support/test-deps'
import { aPreparedDouble } from '../../support/cloudbase/double-store'
import { DOUBLE_ENV_ID, installDatabaseDouble } from '../../support/cloudbase/sdk-seam'
import {
  invokeAsCloudbase as invoke,
  timerEvent,
  type CloudMain,
} from '../../support/cloudbase/invocation'
import {
  aSeededScene,
  CONTRACTS,
  validPayloads,
  WHO_MAY,
  type Payloads,
  type Scene,
  type Who,
} from '../../support/valid-payloads'

/** WeChat's open API as wx-server-sdk reaches it: sends, phone codes and content checks pass. */
jest.mock(
  'wx-server-sdk',
  () => jest.requireActual<WechatOpenApi>('../../support/cloudbase/wechat-open-api').wxServerSdk,
  { virtual: true },
)
type WechatOpenApi = typeof import('../../support/cloudbase/wechat-open-api')

const MAINS: Record<string, CloudMain> = {
  member: memberMain,
  card: cardMain,
  points: pointsMain,
  events: eventsMain,
  admin: adminMain,
  jobs: jobsMain,
}
const SCENE_TIME = '2026-05-10T02:00:00.000Z'
/**
 * Every action of every function, run once as CloudBase runs it: each function's real `main`,
 * the caller from the invocation's variables, the store the production adapter over the real
 * node-sdk over the database double, and the jobs' timers fired as SCF fires them. What is shown
 * is that each action runs end to end on that path: it answers an envelope — a result or a
 * business refusal — and never an internal error, an input error for a valid payload, or a
 * refusal of a caller who may call it. No socket is opened.
 */
describe('every action of every function through cloudbaseMain, real node-sdk over the database double', () => {
  let uninstall: () => void
  let scene: Scene
  let payloads: Payloads
  let connect: jest.SpyInstance
  let consoleError: jest.SpyInstance
  const errors: unknown[] = []

  beforeAll(async () => {
    connect = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(() => {
      throw new Error('a test of the CloudBase path opened a socket')
    })
    // The functions log through console.error (the handler's JSON logger): collected, not shown.
    consoleError = jest.spyOn(console, 'error').mockImplementation((...args) => {
      errors.push(args)
    })
    jest.useFakeTimers({
      now: new Date(SCENE_TIME),
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    })
    Object.assign(process.env, { CLUB_DATA_KEY: TEST_DATA_KEY, CLUB_PHONE_SOURCE: 'typed' })
    uninstall = installDatabaseDouble(aPreparedDouble())
    const db = tcb.init({ env: DOUBLE_ENV_ID }).database() as unknown as CloudbaseDb
    const deps = createDeps(
      cloudbaseStore(db),
      { CLUB_DATA_KEY: TEST_DATA_KEY },
      { clock: fixedClock(SCENE_TIME), logger: { error: (m, d) => errors.push({ m, ...d }) } },
    )
    scene = await aSeededScene(deps)
    payloads = validPayloads(deps, scene)
  })
  afterAll(() => {
    uninstall()
    jest.useRealTimers()
    connect.mockRestore()
    consoleError.mockRestore()
    delete process.env.CLUB_DATA_KEY
    delete process.env.CLUB_PHONE_SOURCE
  })

  const openidOf = (who: Who): string | undefined =>
    ({
      anonymous: undefined,
      guest: 'o_main_guest',
      member: scene.member.openid,
      clerk: scene.clerk.openid,
      reviewer: scene.reviewer.openid,
      admin: scene.admin.openid,
    })[who]

  const cases = Object.entries(WHO_MAY).flatMap(([name, actions]) =>
    Object.entries(actions).map(([action, allowed]) => [name, action, allowed[0]!] as const),
  )

  it('covers every action of every contract', () => {
    const listed = cases.map(([name, action]) => `${name}.${action}`).sort()

    const contracted = Object.entries(CONTRACTS)
      .flatMap(([name, actions]) => Object.keys(actions).map((action) => `${name}.${action}`))
      .sort()
    expect(listed).toEqual(contracted)
  })

  it.each(cases)('runs %s.%s for a caller who may call it (%s)', async (name, action, who) => {
    const event = { action, payload: payloads[name]![action], requestId: `req-${name}-${action}` }

    // A fresh guest each time: a guest who registers is a guest no more.
    const openid = who === 'guest' ? `o_main_guest_${name}_${action}` : openidOf(who)
    const answer = await invoke(MAINS[name]!, event, { openid })

    expect(typeof answer.ok).toBe('boolean')
    if (!answer.ok) {
      expect(answer.error?.code).not.toBe('SYS.INTERNAL')
      expect(answer.error?.code).not.toBe('INPUT.INVALID')
      expect(answer.error?.code).not.toMatch(/^AUTH\./)
    }
  })

  it.each(Object.entries(JOB_TIMERS))(
    'runs the %s timer (%s) as the system when SCF fires it',
    async (trigger) => {
      const answer = await invoke(jobsMain, timerEvent(trigger, SCENE_TIME), { timer: true })

      expect(answer).toMatchObject({ ok: true })
    },
  )

  it('logged no error on the way, in the functions or in the SDK', () => {
    expect(errors).toEqual([])
  })
})
