import { main as jobsMain } from '../../../cloudfunctions/jobs/index'
import { main as memberMain } from '../../../cloudfunctions/member/index'
import { COLLECTIONS } from '../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import { aRegistration } from '../../support/builders'
import { TEST_DATA_KEY } from '../../support/test-deps'
import { aPreparedDouble } from '../../support/cloudbase/double-store'
import { installDatabaseDouble } from '../../support/cloudbase/sdk-seam'
import type { CloudbaseDatabaseDouble } from '../../support/cloudbase/database-double'

type Main = (event: unknown, context?: object) => Promise<unknown>

/**
 * One invocation as CloudBase makes it: the per-call variables in the process (WX_OPENID and
 * WX_APPID for a mini-program user, named in WX_CONTEXT_KEYS, which is how node-sdk finds them —
 * node-sdk test/auth sets them so; TRIGGER_SRC=timer for a timer) and in SCF's `context.environ`.
 */
async function invoke(
  main: Main,
  event: unknown,
  call: { openid?: string; triggerSrc?: 'timer' } = {},
) {
  const variables: Record<string, string> = {}
  if (call.openid) {
    Object.assign(variables, {
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
      WX_OPENID: call.openid,
      WX_APPID: 'wx-double-app',
    })
  }
  if (call.triggerSrc) variables.TRIGGER_SRC = call.triggerSrc
  const keys = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'TRIGGER_SRC']
  for (const key of keys) delete process.env[key]
  Object.assign(process.env, variables)
  const context = {
    request_id: `scf-${Date.now()}`,
    function_name: 'under-test',
    time_limit_in_ms: 15_000,
    environ: Object.entries(variables)
      .map(([k, v]) => `${k}=${v}`)
      .join(';'),
  }
  try {
    return (await main(event, context)) as { ok: boolean; data?: unknown; error?: { code: string } }
  } finally {
    for (const key of keys) delete process.env[key]
  }
}

/** SCF's timer event (trigger event structures): capital `Timer`, the trigger's name, the time. */
const timerEvent = (name: string) => ({
  Type: 'Timer',
  TriggerName: name,
  Time: '2026-12-07T18:00:00Z',
  Message: '',
})

describe('cloudbaseMain (the functions as CloudBase runs them, real node-sdk over the database double)', () => {
  let double: CloudbaseDatabaseDouble
  let uninstall: () => void

  beforeAll(() => {
    process.env.CLUB_DATA_KEY = TEST_DATA_KEY
    process.env.CLUB_PHONE_SOURCE = 'typed'
    double = aPreparedDouble()
    uninstall = installDatabaseDouble(double)
  })
  afterAll(() => {
    uninstall()
    delete process.env.CLUB_DATA_KEY
    delete process.env.CLUB_PHONE_SOURCE
  })

  it("registers a member under the caller's openid from the invocation, stored in the CloudBase database", async () => {
    const form = aRegistration()

    const answer = await invoke(
      memberMain,
      { action: 'register', payload: form, requestId: 'req-main-register-1' },
      { openid: 'o_main_member_1' },
    )
    const me = await invoke(
      memberMain,
      { action: 'me', payload: {}, requestId: 'req-main-me-1' },
      { openid: 'o_main_member_1' },
    )

    expect(answer).toMatchObject({ ok: true })
    expect(me).toMatchObject({ ok: true, data: { member: { status: 'pending' } } })
    expect(double.documents(COLLECTIONS.members).map((m) => m.openid)).toContain('o_main_member_1')
  })

  it('runs the job a timer trigger is named after when the platform fires the timer (TRIGGER_SRC=timer)', async () => {
    const runsBefore = double.documents(COLLECTIONS.jobRuns).length

    const answer = await invoke(jobsMain, timerEvent('pointsExpiry'), { triggerSrc: 'timer' })

    expect(answer).toMatchObject({ ok: true })
    expect(double.documents(COLLECTIONS.jobRuns).length).toBe(runsBefore + 1)
  })

  it.each([
    ['a WeChat user sends the timer event as a payload', { openid: 'o_main_member_1' }, 'Timer'],
    ['an invocation without a user sends it, but no timer fired', {}, 'Timer'],
    ['the event uses the lower-case type the old entry looked for', {}, 'timer'],
  ])('runs no job when %s', async (_case, call, type) => {
    const runsBefore = double.documents(COLLECTIONS.jobRuns).length

    const answer = await invoke(jobsMain, { ...timerEvent('starAdjustment'), Type: type }, call)

    expect(answer).toMatchObject({ ok: false })
    expect(double.documents(COLLECTIONS.jobRuns).length).toBe(runsBefore)
  })

  it('runs no job for a timer whose trigger name the function does not know', async () => {
    const runsBefore = double.documents(COLLECTIONS.jobRuns).length

    const answer = await invoke(jobsMain, timerEvent('noSuchTimer'), { triggerSrc: 'timer' })

    expect(answer).toMatchObject({ ok: false })
    expect(double.documents(COLLECTIONS.jobRuns).length).toBe(runsBefore)
  })
})
