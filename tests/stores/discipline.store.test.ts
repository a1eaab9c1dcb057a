import type {
  MemberSanctionsView,
  SanctionView,
  StaffSanctionPage,
  StaffSanctionView,
} from '@/contracts/discipline'
import type { Envelope } from '@/contracts/error-codes'
import { createDisciplineAdminStore } from '@/stores/discipline-admin.store'
import { createSanctionsStore } from '@/stores/sanctions.store'
import { deferred, failure, isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store modules also build the app's own stores over services/cloud.ts, which imports
// @tarojs/taro (ESM-only); these tests inject their own apis, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const SUSPENSION: SanctionView = {
  id: 'sn-1',
  kind: 'suspension',
  reason: '转卖兑换券，情节较轻',
  endsOn: '2026-12-23',
  issuedAt: '2026-11-23T02:00:00.000Z',
  state: 'in_force',
  appeal: null,
  canAppeal: true,
}
const WARNING: SanctionView = { ...SUSPENSION, id: 'sn-0', kind: 'warning', endsOn: null }
const APPEALED: SanctionView = {
  ...SUSPENSION,
  canAppeal: false,
  appeal: {
    text: '兑换券是转送亲属',
    filedAt: '2026-11-24T02:00:00.000Z',
    decision: null,
    note: null,
    decidedAt: null,
  },
}

function memberApi() {
  return {
    mySanctions: jest.fn(async () => success([SUSPENSION, WARNING])),
    appealSanction: jest.fn(
      async (_input: { sanctionId: string; text: string }, _requestId: string) =>
        success(APPEALED) as Envelope<SanctionView>,
    ),
  }
}

describe('createSanctionsStore', () => {
  it('loads my sanctions, newest first as the function gives them', async () => {
    const store = createSanctionsStore(memberApi())

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'ready', sanctions: [SUSPENSION, WARNING] })
  })

  it('shows why the list could not be loaded', async () => {
    const api = memberApi()
    api.mySanctions.mockResolvedValueOnce(networkDown())
    const store = createSanctionsStore(api)

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'NETWORK' } })
  })

  it('checks an appeal before sending it: too short is a field error and no call', async () => {
    const api = memberApi()
    const store = createSanctionsStore(api)

    const result = await store.getState().appeal('sn-1', '不服')

    expect(result).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { text: '申诉内容为5–500个字' },
    })
    expect(api.appealSanction).not.toHaveBeenCalled()
  })

  it('sends the trimmed appeal and puts the answer in place of the sanction', async () => {
    const api = memberApi()
    const store = createSanctionsStore(api)
    await store.getState().load()

    const result = await store.getState().appeal('sn-1', '  兑换券是转送亲属  ')

    expect(result).toBeNull()
    expect(api.appealSanction.mock.calls[0]![0]).toEqual({
      sanctionId: 'sn-1',
      text: '兑换券是转送亲属',
    })
    expect(store.getState().sanctions).toEqual([APPEALED, WARNING])
    expect(store.getState().appealingId).toBeNull()
  })

  it('sends an appeal again with the same request id after a network failure, so it counts once', async () => {
    const api = memberApi()
    api.appealSanction.mockResolvedValueOnce(networkDown())
    const store = createSanctionsStore(api)

    const first = await store.getState().appeal('sn-1', '兑换券是转送亲属')
    const second = await store.getState().appeal('sn-1', '兑换券是转送亲属')

    expect(first?.code).toBe('NETWORK')
    expect(second).toBeNull()
    const [firstId, secondId] = api.appealSanction.mock.calls.map(([, requestId]) => requestId)
    expect(isAcceptedRequestId(firstId)).toBe(true)
    expect(secondId).toBe(firstId)
  })

  it('sends one appeal while one is in flight', async () => {
    const api = memberApi()
    const answer = deferred<Envelope<SanctionView>>()
    api.appealSanction.mockReturnValueOnce(answer.promise)
    const store = createSanctionsStore(api)

    const first = store.getState().appeal('sn-1', '兑换券是转送亲属')
    const busy = store.getState().appealingId
    const second = await store.getState().appeal('sn-1', '兑换券是转送亲属')
    answer.resolve(success(APPEALED))
    await first

    expect(busy).toBe('sn-1')
    expect(second).toBeNull()
    expect(api.appealSanction).toHaveBeenCalledTimes(1)
  })

  it('passes a refusal on for the page to show', async () => {
    const api = memberApi()
    api.appealSanction.mockResolvedValueOnce(failure('DISCIPLINE.ALREADY_APPEALED'))
    const store = createSanctionsStore(api)

    const result = await store.getState().appeal('sn-1', '兑换券是转送亲属')

    expect(result?.code).toBe('DISCIPLINE.ALREADY_APPEALED')
  })
})

const STAFF_VIEW: StaffSanctionView = {
  ...APPEALED,
  memberId: 'm-1',
  realName: '王建国',
  mobileMasked: '138****5678',
  cardNo: '100000000017',
  memberStatus: 'suspended',
  issuedBy: 'staff-admin',
}
const FOUND: MemberSanctionsView = {
  memberId: 'm-1',
  realName: '王建国',
  mobileMasked: '138****5678',
  cardNo: '100000000017',
  status: 'active',
  suspendedUntil: null,
  sanctions: [],
}
const PAGE: StaffSanctionPage = { items: [STAFF_VIEW], total: 1 }

function adminApi() {
  return {
    memberSanctions: jest.fn(async (_cardNo: string) => success(FOUND)),
    issueSanction: jest.fn(
      async (_input: unknown, _requestId: string) =>
        success(STAFF_VIEW) as Envelope<StaffSanctionView>,
    ),
    sanctions: jest.fn(async (_offset?: number, _limit?: number) => success(PAGE)),
    appeals: jest.fn(async (_offset?: number, _limit?: number) => success(PAGE)),
    decideAppeal: jest.fn(
      async (_input: unknown, _requestId: string) =>
        success(STAFF_VIEW) as Envelope<StaffSanctionView>,
    ),
  }
}

describe('createDisciplineAdminStore', () => {
  it('finds a member by a 12-digit card number, and checks the number before asking', async () => {
    const api = adminApi()
    const store = createDisciplineAdminStore(api)

    const bad = await store.getState().findMember('1234')
    const good = await store.getState().findMember(' 100000000017 ')

    expect(bad).toMatchObject({ code: 'INPUT.INVALID', fields: { cardNo: '会员卡号为12位数字' } })
    expect(good).toBeNull()
    expect(api.memberSanctions).toHaveBeenCalledTimes(1)
    expect(api.memberSanctions).toHaveBeenCalledWith('100000000017')
    expect(store.getState().member).toEqual(FOUND)
  })

  it('forgets the member shown when a search finds nobody', async () => {
    const api = adminApi()
    const store = createDisciplineAdminStore(api)
    await store.getState().findMember('100000000017')
    api.memberSanctions.mockResolvedValueOnce(failure('MEMBER.NOT_FOUND'))

    const result = await store.getState().findMember('100000000025')

    expect(result?.code).toBe('MEMBER.NOT_FOUND')
    expect(store.getState().member).toBeNull()
  })

  it('needs a member, a kind, a reason, and an end date for a suspension before sending', async () => {
    const api = adminApi()
    const store = createDisciplineAdminStore(api)

    const noMember = await store
      .getState()
      .issue({ kind: 'warning', reason: '多次大声喧哗', endsOn: '' })
    await store.getState().findMember('100000000017')
    const noKind = await store.getState().issue({ kind: null, reason: '多次大声喧哗', endsOn: '' })
    const shortReason = await store
      .getState()
      .issue({ kind: 'warning', reason: '喧哗', endsOn: '' })
    const noEnd = await store
      .getState()
      .issue({ kind: 'suspension', reason: '转卖兑换券', endsOn: '' })

    expect([noMember, noKind, shortReason, noEnd].map((r) => r?.fields)).toEqual([
      { cardNo: '请先查询会员' },
      { kind: '请选择处分类型' },
      { reason: '处分原因为5–200个字' },
      { endsOn: '请选择暂停结束日期' },
    ])
    expect(api.issueSanction).not.toHaveBeenCalled()
  })

  it('sends a suspension with its end date, a warning without one, then shows the member and the list again', async () => {
    const api = adminApi()
    const store = createDisciplineAdminStore(api)
    await store.getState().findMember('100000000017')

    await store.getState().issue({ kind: 'suspension', reason: '转卖兑换券', endsOn: '2026-12-23' })
    await store.getState().issue({ kind: 'warning', reason: '多次大声喧哗', endsOn: '2026-12-23' })

    expect(api.issueSanction.mock.calls.map(([input]) => input)).toEqual([
      { memberId: 'm-1', kind: 'suspension', reason: '转卖兑换券', endsOn: '2026-12-23' },
      { memberId: 'm-1', kind: 'warning', reason: '多次大声喧哗' },
    ])
    expect(api.memberSanctions).toHaveBeenCalledTimes(3)
    expect(store.getState()).toMatchObject({ recent: [STAFF_VIEW], recentTotal: 1 })
  })

  it('sends a sanction again with the same request id after a network failure, so it counts once', async () => {
    const api = adminApi()
    api.issueSanction.mockResolvedValueOnce(networkDown())
    const store = createDisciplineAdminStore(api)
    await store.getState().findMember('100000000017')
    const form = { kind: 'cancellation' as const, reason: '伪造消费记录骗取积分', endsOn: '' }

    const first = await store.getState().issue(form)
    const second = await store.getState().issue(form)

    expect(first?.code).toBe('NETWORK')
    expect(second).toBeNull()
    const [firstId, secondId] = api.issueSanction.mock.calls.map(([, requestId]) => requestId)
    expect(isAcceptedRequestId(firstId)).toBe(true)
    expect(secondId).toBe(firstId)
  })

  it('loads the appeals waiting for a decision', async () => {
    const store = createDisciplineAdminStore(adminApi())

    await store.getState().loadAppeals()

    expect(store.getState()).toMatchObject({
      appealsStatus: 'ready',
      appeals: [STAFF_VIEW],
      appealsTotal: 1,
    })
  })

  it('needs a note to decide an appeal, then decides it and loads the queue again', async () => {
    const api = adminApi()
    const store = createDisciplineAdminStore(api)

    const noNote = await store.getState().decide('sn-1', 'overturned', ' ')
    const done = await store.getState().decide('sn-1', 'overturned', '核实为误判')

    expect(noNote).toMatchObject({ fields: { note: '裁决说明为2–200个字' } })
    expect(done).toBeNull()
    expect(api.decideAppeal).toHaveBeenCalledTimes(1)
    expect(api.decideAppeal.mock.calls[0]![0]).toEqual({
      sanctionId: 'sn-1',
      decision: 'overturned',
      note: '核实为误判',
    })
    expect(api.appeals).toHaveBeenCalledTimes(1)
    expect(store.getState().decidingId).toBeNull()
  })

  it('passes a final-decision refusal on, and shows the queue as it now is', async () => {
    const api = adminApi()
    api.decideAppeal.mockResolvedValueOnce(failure('DISCIPLINE.APPEAL_DECIDED'))
    api.appeals.mockResolvedValueOnce(success({ items: [], total: 0 }))
    const store = createDisciplineAdminStore(api)

    const result = await store.getState().decide('sn-1', 'upheld', '维持原处分')

    expect(result?.code).toBe('DISCIPLINE.APPEAL_DECIDED')
    expect(store.getState()).toMatchObject({ appeals: [], appealsTotal: 0 })
  })
})
