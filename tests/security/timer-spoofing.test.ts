import { main as jobsMain } from '../../cloudfunctions/jobs/index'
import { COLLECTIONS } from '../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import { TEST_DATA_KEY } from '../support/test-deps'
import { aPreparedDouble } from '../support/cloudbase/double-store'
import { installDatabaseDouble } from '../support/cloudbase/sdk-seam'
import type { CloudbaseDatabaseDouble } from '../support/cloudbase/database-double'
import { invokeAsCloudbase, timerEvent } from '../support/cloudbase/invocation'

/**
 * The attack: make the jobs function believe the scheduler called it, to run a batch job as the
 * system (the star adjustment, the expiry) by sending a payload shaped like SCF's timer event.
 * A timer is recognised from the invocation itself (TRIGGER_SRC=timer, set by the platform), never
 * from the payload, so every such call is an ordinary request that names no action, and no job runs.
 */
describe('a payload pretending to be the scheduler', () => {
  let double: CloudbaseDatabaseDouble
  let uninstall: () => void

  beforeAll(() => {
    process.env.CLUB_DATA_KEY = TEST_DATA_KEY
    double = aPreparedDouble()
    uninstall = installDatabaseDouble(double)
  })
  afterAll(() => {
    uninstall()
    delete process.env.CLUB_DATA_KEY
  })

  it.each([
    ['a WeChat user sends the timer event as a payload', { openid: 'o_attacker' }, 'Timer'],
    ['a call without a user sends it, but no timer fired', {}, 'Timer'],
    ['a call without a user sends the lower-case type the old entry trusted', {}, 'timer'],
    ['a WeChat user sends it with the lower-case type', { openid: 'o_attacker' }, 'timer'],
  ])('runs no job when %s', async (_case, call, type) => {
    const runsBefore = double.documents(COLLECTIONS.jobRuns).length

    const answer = await invokeAsCloudbase(
      jobsMain,
      { ...timerEvent('starAdjustment'), Type: type },
      call,
    )

    expect(answer).toMatchObject({ ok: false })
    expect(answer.error?.code).not.toMatch(/^SYS\.INTERNAL/)
    expect(double.documents(COLLECTIONS.jobRuns).length).toBe(runsBefore)
  })

  it('runs no job for a WeChat user even when the platform says a timer fired', async () => {
    const runsBefore = double.documents(COLLECTIONS.jobRuns).length

    const answer = await invokeAsCloudbase(jobsMain, timerEvent('pointsExpiry'), {
      openid: 'o_attacker',
      timer: true,
    })

    expect(answer).toMatchObject({ ok: false })
    expect(double.documents(COLLECTIONS.jobRuns).length).toBe(runsBefore)
  })
})
