import type { JobProgress } from '@/contracts/jobs.contract'
import type { Envelope } from '@/contracts/error-codes'
import type {
  StaffSuggestionPage,
  StaffSuggestionView,
  StarImportReport,
  StarOverview,
} from '@/contracts/star-club'
import { createClubReviewStore } from '@/stores/club-review.store'
import { MAX_ADJUSTMENT_CALLS, createStarAdminStore } from '@/stores/star-admin.store'
import { createStarStore } from '@/stores/star.store'
import { deferred, failure, isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store modules also build the app's own stores over services/cloud.ts, which imports
// @tarojs/taro (ESM-only); these tests inject their own apis, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const OVERVIEW: StarOverview = {
  year: 2026,
  star: 3,
  history: [{ year: 2026, star: 3, source: 'rule', reason: null }],
  progress: { points: 1200, star: 2, next: { star: 3, threshold: 3000, missing: 1800 } },
  thresholds: [1000, 3000, 5000, 10000],
  club: { state: 'none', since: null, graceEndsOn: null, reason: null, canApply: true },
}

const CLUB_APPLIED = { ...OVERVIEW.club, state: 'applied' as const, canApply: false }

function starApi() {
  return {
    star: jest.fn(async () => success(OVERVIEW)),
    applyClub: jest.fn(async (_requestId: string) => success(CLUB_APPLIED)),
    leaveClub: jest.fn(async (_requestId: string) => success(OVERVIEW.club)),
    suggestions: jest.fn(async () => success([])),
    suggest: jest.fn(async (text: string, _requestId: string) =>
      success({
        id: 's-1',
        text,
        createdAt: '2026-05-10T02:00:00.000Z',
        answer: null,
        answeredAt: null,
      }),
    ),
  }
}

describe('createStarStore', () => {
  it('loads the star page', async () => {
    const store = createStarStore(starApi())

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'ready', overview: OVERVIEW })
  })

  it('sends a club application again with the same request id after a network failure, so it counts once', async () => {
    const api = starApi()
    api.applyClub.mockResolvedValueOnce(networkDown())
    const store = createStarStore(api)

    const first = await store.getState().applyClub()
    const second = await store.getState().applyClub()

    expect(first?.code).toBe('NETWORK')
    expect(second).toBeNull()
    const [firstId, secondId] = api.applyClub.mock.calls.map(([requestId]) => requestId)
    expect(isAcceptedRequestId(firstId)).toBe(true)
    expect(secondId).toBe(firstId)
    expect(api.star).toHaveBeenCalledTimes(2)
  })

  it('sends one application while one is in flight', async () => {
    const api = starApi()
    const answer = deferred<ReturnType<typeof success<typeof CLUB_APPLIED>>>()
    api.applyClub.mockReturnValueOnce(answer.promise)
    const store = createStarStore(api)

    const first = store.getState().applyClub()
    const second = await store.getState().applyClub()
    answer.resolve(success(CLUB_APPLIED))
    await first

    expect(second).toBeNull()
    expect(api.applyClub).toHaveBeenCalledTimes(1)
  })

  it('checks a suggestion before sending it: too short is a field error and no call', async () => {
    const api = starApi()
    const store = createStarStore(api)

    const result = await store.getState().suggest('好')

    expect(result).toMatchObject({ code: 'INPUT.INVALID', fields: { text: '建议内容为5–500个字' } })
    expect(api.suggest).not.toHaveBeenCalled()
  })

  it('puts a sent suggestion at the top of my list', async () => {
    const store = createStarStore(starApi())

    await store.getState().suggest('  希望增加品鉴会  ')

    expect(store.getState().suggestions).toEqual([
      expect.objectContaining({ id: 's-1', text: '希望增加品鉴会' }),
    ])
  })
})

function aProgress(status: JobProgress['status'], processed: number): JobProgress {
  return {
    runId: 'star-adjustment:2026',
    status,
    processed,
    total: 3,
    totals: {},
    startedAt: '2025-12-31T16:05:00.000Z',
    finishedAt: status === 'done' ? '2025-12-31T16:06:00.000Z' : null,
  }
}

const REPORT: StarImportReport = { year: 2027, rows: [], valid: 1, problems: 0, applied: null }

function starAdminApis() {
  return {
    admin: {
      starSettings: jest.fn(async () =>
        success({ currentYear: 2026, current: [1000, 3000, 5000, 10000] as const, rules: [] }),
      ),
      setStarThresholds: jest.fn(async (_input: unknown, _requestId: string) =>
        success({ currentYear: 2026, current: [1000, 3000, 5000, 10000] as const, rules: [] }),
      ),
      previewStarImport: jest.fn(async (_input: unknown) => success(REPORT)),
      applyStarImport: jest.fn(async (_input: unknown, _requestId: string) =>
        success({ ...REPORT, applied: 1 }),
      ),
      memberStars: jest.fn(async (cardNo: string) =>
        success({
          memberId: 'm-1',
          realName: '王建国',
          cardNo,
          year: 2026,
          star: 1 as const,
          history: [],
          clubState: 'none' as const,
        }),
      ),
      overrideStar: jest.fn(async (_input: unknown, _requestId: string) =>
        failure('AUTH.FORBIDDEN'),
      ),
    },
    jobs: {
      adjustStars: jest.fn(async (_year: number, _requestId: string) =>
        success(aProgress('done', 3)),
      ),
      adjustmentProgress: jest.fn(async (_year: number) => success(aProgress('idle', 0))),
    },
  }
}

describe('createStarAdminStore', () => {
  it('keeps calling the adjustment until the run is done, showing the progress of each call', async () => {
    const { admin, jobs } = starAdminApis()
    jobs.adjustStars
      .mockResolvedValueOnce(success(aProgress('running', 1)))
      .mockResolvedValueOnce(success(aProgress('running', 2)))
    const store = createStarAdminStore(admin, jobs)

    const result = await store.getState().runAdjustment(2025)

    expect(result).toBeNull()
    expect(jobs.adjustStars).toHaveBeenCalledTimes(3)
    expect(jobs.adjustStars.mock.calls.every(([year]) => year === 2025)).toBe(true)
    expect(store.getState()).toMatchObject({
      running: false,
      progress: { status: 'done', processed: 3 },
    })
  })

  it(`stops after ${MAX_ADJUSTMENT_CALLS} calls so one press never loops forever`, async () => {
    const { admin, jobs } = starAdminApis()
    jobs.adjustStars.mockResolvedValue(success(aProgress('running', 1)))
    const store = createStarAdminStore(admin, jobs)

    await store.getState().runAdjustment(2025)

    expect(jobs.adjustStars).toHaveBeenCalledTimes(MAX_ADJUSTMENT_CALLS)
    expect(store.getState().running).toBe(false)
  })

  it('stops at the first refusal and shows it', async () => {
    const { admin, jobs } = starAdminApis()
    jobs.adjustStars.mockResolvedValueOnce(
      failure('STAR.YEAR_NOT_ENDED', { year: '2026年尚未结束' }),
    )
    const store = createStarAdminStore(admin, jobs)

    const result = await store.getState().runAdjustment(2026)

    expect(result?.code).toBe('STAR.YEAR_NOT_ENDED')
    expect(store.getState().progressError?.fields?.year).toBe('2026年尚未结束')
  })

  it('checks the thresholds form before calling: a blank one is a field error', async () => {
    const { admin, jobs } = starAdminApis()
    const store = createStarAdminStore(admin, jobs)

    const result = await store.getState().saveThresholds('2027', ['1000', '', '5000', '10000'])

    expect(result?.fields).toHaveProperty(['thresholds.1'])
    expect(admin.setStarThresholds).not.toHaveBeenCalled()
  })

  it('sends thresholds as numbers for the effective year', async () => {
    const { admin, jobs } = starAdminApis()
    const store = createStarAdminStore(admin, jobs)

    await store.getState().saveThresholds('2027', ['1000', '2000', '3000', '4000'])

    expect(admin.setStarThresholds).toHaveBeenCalledWith(
      { effectiveYear: 2027, thresholds: [1000, 2000, 3000, 4000] },
      expect.any(String),
    )
  })

  it('shows the report of a checked import, then the applied one', async () => {
    const { admin, jobs } = starAdminApis()
    const store = createStarAdminStore(admin, jobs)

    await store.getState().previewImport('2027', '320100000001,3')
    const checked = store.getState().report
    await store.getState().applyImport('2027', '320100000001,3')

    expect(checked).toEqual(REPORT)
    expect(store.getState().report?.applied).toBe(1)
  })

  it('refuses an empty import locally', async () => {
    const { admin, jobs } = starAdminApis()
    const store = createStarAdminStore(admin, jobs)

    const result = await store.getState().previewImport('2027', '')

    expect(result?.fields?.csv).toBe('请选择或粘贴CSV文件内容')
    expect(admin.previewStarImport).not.toHaveBeenCalled()
  })

  it('looks a member up by card number (spaces ignored) before an override, and passes a refusal on', async () => {
    const { admin, jobs } = starAdminApis()
    const store = createStarAdminStore(admin, jobs)

    await store.getState().findMember('8600 0000 0017')
    const result = await store.getState().override(4, '年度优秀')

    expect(admin.memberStars).toHaveBeenCalledWith('860000000017')
    expect(admin.overrideStar).toHaveBeenCalledWith(
      { memberId: 'm-1', star: 4, reason: '年度优秀' },
      expect.any(String),
    )
    expect(result?.code).toBe('AUTH.FORBIDDEN')
  })
})

describe('createClubReviewStore', () => {
  function reviewApi() {
    return {
      clubApplications: jest.fn(async (_offset?: number, _limit?: number) =>
        success({ items: [], total: 0 }),
      ),
      approveClub: jest.fn(async (_memberId: string, _requestId: string) => success(CLUB_APPLIED)),
      rejectClub: jest.fn(async (_memberId: string, _reason: string, _requestId: string) =>
        success(CLUB_APPLIED),
      ),
      clubSuggestions: jest.fn(async (_answered: boolean, _offset?: number, _limit?: number) =>
        success({ items: [] as StaffSuggestionView[], total: 0 }),
      ),
      answerSuggestion: jest.fn(async (id: string, answer: string, _requestId: string) =>
        success({ id, text: '建议', createdAt: '', answer, answeredAt: '' }),
      ),
    }
  }

  it('asks for a reason before rejecting, without calling', async () => {
    const api = reviewApi()
    const store = createClubReviewStore(api)

    const result = await store.getState().reject('m-1', ' ')

    expect(result?.fields?.reason).toBe('驳回原因为2–200个字')
    expect(api.rejectClub).not.toHaveBeenCalled()
  })

  it('reloads the queue after a decision', async () => {
    const api = reviewApi()
    const store = createClubReviewStore(api)

    await store.getState().approve('m-1')

    expect(api.approveClub).toHaveBeenCalledWith('m-1', expect.any(String))
    expect(api.clubApplications).toHaveBeenCalledTimes(1)
  })

  it('keeps the suggestions of the tab asked for last when answers arrive out of order', async () => {
    const api = reviewApi()
    const stale: StaffSuggestionView = {
      id: 's-old',
      text: '旧标签页的建议',
      createdAt: '',
      answer: null,
      answeredAt: null,
      memberId: 'm-1',
      realName: '王建国',
      shopName: '建国便利店',
    }
    const slow = deferred<Envelope<StaffSuggestionPage>>()
    api.clubSuggestions.mockReturnValueOnce(slow.promise)
    const store = createClubReviewStore(api)

    const open = store.getState().loadSuggestions(false)
    await store.getState().loadSuggestions(true)
    slow.resolve(success({ items: [stale], total: 1 }))
    await open

    expect(store.getState()).toMatchObject({ answered: true, suggestionsStatus: 'ready' })
    expect(store.getState().suggestions).toEqual([])
  })
})
