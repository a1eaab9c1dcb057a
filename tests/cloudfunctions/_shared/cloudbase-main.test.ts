import { main as jobsMain } from '../../../cloudfunctions/jobs/index'
import * as tcb from '@cloudbase/node-sdk'
import { main as memberMain } from '../../../cloudfunctions/member/index'
import { main as pointsMain } from '../../../cloudfunctions/points/index'
import {
  cloudbaseStore,
  type CloudbaseDb,
} from '../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-store'
import { newPhotoUpload } from '../../../src/domain/care/photo-upload'
import { COLLECTIONS } from '../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import { aRegistration } from '../../support/builders'
import { TEST_DATA_KEY } from '../../support/test-deps'
import { aPreparedDouble } from '../../support/cloudbase/double-store'
import { DOUBLE_ENV_ID, installDatabaseDouble } from '../../support/cloudbase/sdk-seam'
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

  /** WeChat's push of a media-check verdict (`wxa_media_check`), as the function receives it. */
  const verdictPush = (traceId: string, suggest: string) => ({
    ToUserName: 'gh_0123456789ab',
    FromUserName: 'o_main_member_1',
    CreateTime: 1_790_000_000,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'wx-double-app',
    trace_id: traceId,
    version: 2,
    errcode: 0,
    errmsg: 'ok',
    result: { suggest, label: 20002 },
    detail: [],
  })

  it('takes the media-check verdict WeChat pushes to `member` for the photo awaiting its trace, once; a push naming no awaited trace changes nothing', async () => {
    const store = cloudbaseStore(
      tcb.init({ env: DOUBLE_ENV_ID }).database() as unknown as CloudbaseDb,
    )
    const fileId = `cloud://${DOUBLE_ENV_ID}.636c-bucket/complaints/main-push-1.jpg`
    const photo = {
      ...newPhotoUpload(fileId, 'm-main-1', 0, new Date('2026-05-10T02:00:00.000Z')),
      complaintId: 'c-main-1',
      checkTraceId: '6593a1f0-3c1e9b2a-7d4f8e61',
    }
    await store.transaction((tx) => tx.photoUploads.save(photo))
    const stored = () =>
      double.documents(COLLECTIONS.photoUploads).find((d) => d.complaintId === 'c-main-1')

    const forged = await invoke(memberMain, verdictPush('6593a1f0-00000000-00000000', 'pass'), {
      openid: 'o_main_member_1',
    })
    const afterForged = stored()
    const real = await invoke(memberMain, verdictPush(photo.checkTraceId, 'risky'), {
      openid: 'o_main_member_1',
    })
    const again = await invoke(memberMain, verdictPush(photo.checkTraceId, 'pass'), {
      openid: 'o_main_member_1',
    })

    expect([forged, real, again]).toEqual(['success', 'success', 'success'])
    expect(afterForged).toMatchObject({ check: 'pending', checkTraceId: photo.checkTraceId })
    expect(stored()).toMatchObject({ check: 'risky', checkTraceId: null, version: 2 })
  })

  it('treats a push-shaped event sent to a function that takes no pushes as an ordinary request', async () => {
    const answer = await invoke(pointsMain, verdictPush('6593a1f0-3c1e9b2a-7d4f8e61', 'pass'), {
      openid: 'o_main_member_1',
    })

    expect(answer).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
  })
})
