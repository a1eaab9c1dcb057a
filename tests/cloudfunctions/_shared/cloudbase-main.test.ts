import { main as jobsMain } from '../../../cloudfunctions/jobs/index'
import { main as memberMain } from '../../../cloudfunctions/member/index'
import { COLLECTIONS } from '../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import { aRegistration } from '../../support/builders'
import { TEST_DATA_KEY } from '../../support/test-deps'
import { aPreparedDouble } from '../../support/cloudbase/double-store'
import { installDatabaseDouble } from '../../support/cloudbase/sdk-seam'
import type { CloudbaseDatabaseDouble } from '../../support/cloudbase/database-double'
import { invokeAsCloudbase as invoke, timerEvent } from '../../support/cloudbase/invocation'

/** WeChat's open API as wx-server-sdk reaches it: sends, phone codes and content checks pass. */
jest.mock(
  'wx-server-sdk',
  () => jest.requireActual<WechatOpenApi>('../../support/cloudbase/wechat-open-api').wxServerSdk,
  { virtual: true },
)
type WechatOpenApi = typeof import('../../support/cloudbase/wechat-open-api')

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

    const answer = await invoke(jobsMain, timerEvent('pointsExpiry'), { timer: true })

    expect(answer).toMatchObject({ ok: true })
    expect(double.documents(COLLECTIONS.jobRuns).length).toBe(runsBefore + 1)
  })

  it('runs no job for a timer whose trigger name the function does not know', async () => {
    const runsBefore = double.documents(COLLECTIONS.jobRuns).length

    const answer = await invoke(jobsMain, timerEvent('noSuchTimer'), { timer: true })

    expect(answer).toMatchObject({ ok: false })
    expect(double.documents(COLLECTIONS.jobRuns).length).toBe(runsBefore)
  })
})
