import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Caller } from '../../cloudfunctions/_shared/caller'
import { JOB_TIMERS, jobsFunction } from '../../cloudfunctions/jobs/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import { jobsContract } from '@/contracts/jobs.contract'
import { sendAsOutsiders } from '../support/hostile-payloads'
import { aMemberAtTheCounter } from '../support/points-flow'
import { callerOf } from '../support/registration-flow'
import { inClubState } from '../support/star-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'
import { FUNCTIONS, sendSpoiledTo } from '../support/function-table'

type Who = 'member' | 'clubMember' | 'clerk' | 'reviewer' | 'admin' | 'guest'

describe('star and club actions of the member, admin and jobs functions', () => {
  let t: ReturnType<typeof testDeps>
  let callers: Record<Who, Caller>
  let valid: Record<string, Record<string, unknown>>
  beforeAll(async () => {
    t = testDeps('2026-05-10T02:00:00.000Z')
    const plain = await aMemberAtTheCounter(t.deps)
    const club = await aMemberAtTheCounter(t.deps)
    await inClubState(t.deps, club.member.id, 'active')
    callers = {
      member: plain.memberCaller,
      clubMember: club.memberCaller,
      clerk: plain.clerkCaller,
      reviewer: callerOf((await addStaff(t.deps, 'reviewer')).openid),
      admin: callerOf((await addStaff(t.deps, 'admin')).openid),
      guest: callerOf('o_nobody'),
    }
    valid = {
      suggest: { text: '希望多办品鉴会' },
      approveClub: { memberId: plain.member.id },
      rejectClub: { memberId: plain.member.id, reason: '资料不全' },
      setStarThresholds: { effectiveYear: 2027, thresholds: [1000, 2000, 3000, 4000] },
      previewStarImport: { year: 2027, csv: '320100000001,3' },
      applyStarImport: { year: 2027, csv: '320100000001,3' },
      memberStars: { cardNo: plain.member.cardNo! },
      overrideStar: { memberId: plain.member.id, star: 4, reason: '年度优秀' },
      clubSuggestions: { answered: true },
      answerSuggestion: { id: 'sg-1', answer: '感谢建议' },
      adjustStars: { year: 2025 },
      adjustmentProgress: { year: 2025 },
      clubApplications: { offset: 0, limit: 10 },
    }
  })
  afterAll(() => t.cleanup())

  const payloadActions: [string, string, Who][] = [
    ['member', 'suggest', 'clubMember'],
    ['admin', 'approveClub', 'reviewer'],
    ['admin', 'rejectClub', 'reviewer'],
    ['admin', 'setStarThresholds', 'admin'],
    ['admin', 'previewStarImport', 'admin'],
    ['admin', 'applyStarImport', 'admin'],
    ['admin', 'memberStars', 'admin'],
    ['admin', 'overrideStar', 'admin'],
    ['admin', 'answerSuggestion', 'reviewer'],
    ['jobs', 'adjustStars', 'admin'],
  ]

  it.each(payloadActions)(
    'refuses every spoiled %s.%s payload field by field in Chinese, changing nothing',
    async (name, action, who) => {
      const before = t.snapshot()
      const sent = await sendSpoiledTo(name, action, valid[action]!, callers[who], t.deps)

      expect(sent).toBeGreaterThanOrEqual(12)
      expect(t.snapshot()).toEqual(before)
    },
  )

  it.each([
    ['member', 'star', ['clerk', 'reviewer', 'admin', 'guest']],
    ['member', 'applyClub', ['clerk', 'reviewer', 'admin', 'guest']],
    ['member', 'leaveClub', ['clerk', 'admin', 'guest']],
    ['member', 'suggestions', ['clerk', 'guest']],
    ['member', 'suggest', ['clerk', 'admin', 'guest']],
    ['admin', 'clubApplications', ['member', 'clubMember', 'clerk', 'guest']],
    ['admin', 'approveClub', ['member', 'clubMember', 'clerk', 'guest']],
    ['admin', 'rejectClub', ['member', 'clubMember', 'clerk', 'guest']],
    ['admin', 'starSettings', ['member', 'clerk', 'reviewer', 'guest']],
    ['admin', 'setStarThresholds', ['member', 'clerk', 'reviewer', 'guest']],
    ['admin', 'previewStarImport', ['member', 'clerk', 'reviewer', 'guest']],
    ['admin', 'applyStarImport', ['member', 'clerk', 'reviewer', 'guest']],
    ['admin', 'memberStars', ['member', 'clerk', 'reviewer', 'guest']],
    ['admin', 'overrideStar', ['member', 'clubMember', 'clerk', 'reviewer', 'guest']],
    ['admin', 'clubSuggestions', ['member', 'clubMember', 'clerk', 'guest']],
    ['admin', 'answerSuggestion', ['member', 'clubMember', 'clerk', 'guest']],
    ['jobs', 'adjustStars', ['member', 'clerk', 'reviewer', 'guest']],
    ['jobs', 'adjustmentProgress', ['member', 'clerk', 'reviewer', 'guest']],
  ] as [string, string, Who[]][])(
    'refuses %s.%s to %j with an AUTH code or the club gate, changing nothing',
    async (name, action, outsiders) => {
      const { fn } = FUNCTIONS[name]!
      const before = t.snapshot()

      await sendAsOutsiders(
        fn,
        action,
        valid[action] ?? {},
        outsiders.map((who) => callers[who]),
        t.deps,
        /^(AUTH\.|CLUB\.NOT_A_MEMBER$)/,
      )

      expect(t.snapshot()).toEqual(before)
    },
  )

  it('keeps the suggestion box closed to a member outside the club', async () => {
    const envelope = await memberFunction.handle(
      { action: 'suggest', payload: valid.suggest, requestId: newRequestId() },
      callers.member,
      t.deps,
    )

    expect(envelope).toMatchObject({ ok: false, error: { code: 'CLUB.NOT_A_MEMBER' } })
  })

  it('has an action for every timer of the jobs function in cloudbaserc.json', () => {
    const config = JSON.parse(readFileSync(resolve(__dirname, '../../cloudbaserc.json'), 'utf8'))
    const jobs = config.functions.find((f: { name: string }) => f.name === 'jobs')
    const triggers = (jobs.triggers as { name: string }[]).map((trigger) => trigger.name)

    expect(triggers.sort()).toEqual(Object.keys(JOB_TIMERS).sort())
    for (const action of Object.values(JOB_TIMERS))
      expect(jobsContract.actions).toHaveProperty(action)
  })

  it('runs the yearly adjustment for the year just ended when the timer calls as the system', async () => {
    const envelope = await jobsFunction.handle(
      { action: JOB_TIMERS.starAdjustment, payload: {}, requestId: 'timer-starAdjustment-2027' },
      { openid: '', unionid: null, system: true },
      t.deps,
    )

    expect(envelope).toMatchObject({
      ok: true,
      data: { runId: 'star-adjustment:2026', status: 'done', processed: 2 },
    })
  })
})
