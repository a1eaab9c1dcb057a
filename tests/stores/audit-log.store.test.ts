import type { AuditEntryView } from '@/contracts/reports'
import { AUDIT_PAGE, createAuditLogStore, NO_FILTERS } from '@/stores/audit-log.store'
import { deferred, failure, success } from './fake-transport'

// The store module also builds the app's own store over services/cloud.ts, which imports
// @tarojs/taro (ESM-only); these tests inject their own api, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const anEntry = (id: string): AuditEntryView => ({
  id,
  at: '2026-03-01T02:00:00.000Z',
  actorId: 'staff-1',
  actorName: '钱管理',
  actorRole: 'admin',
  action: 'star.override',
  targetType: 'member',
  targetId: 'm-1',
  reason: '年度重点客户',
  before: { star: 1 },
  after: { star: 4 },
})
const entries = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => anEntry(`a-${from + i}`))

function auditApi(total = 25) {
  return {
    auditLog: jest.fn(async (query: { offset?: number; limit?: number }) => {
      const offset = query.offset ?? 0
      return success({
        items: entries(offset, Math.max(0, Math.min(query.limit ?? 20, total - offset))),
        total,
      })
    }),
  }
}

describe('createAuditLogStore', () => {
  it('searches with the filled-in filters only, trimmed, from the first page', async () => {
    const api = auditApi()
    const store = createAuditLogStore(api)

    const failed = await store.getState().search({
      ...NO_FILTERS,
      member: ' 860000000017 ',
      from: '2026-03-01',
    })

    expect(failed).toBeNull()
    expect(api.auditLog).toHaveBeenCalledWith({
      member: '860000000017',
      from: '2026-03-01',
      offset: 0,
      limit: AUDIT_PAGE,
    })
    expect(store.getState()).toMatchObject({ status: 'ready', total: 25 })
    expect(store.getState().items).toHaveLength(20)
  })

  it('refuses dates the wrong way round without calling, with the message for the field', async () => {
    const api = auditApi()
    const store = createAuditLogStore(api)

    const failed = await store.getState().search({
      ...NO_FILTERS,
      from: '2026-03-02',
      to: '2026-03-01',
    })

    expect(failed).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { to: '结束日期不能早于开始日期' },
    })
    expect(api.auditLog).not.toHaveBeenCalled()
  })

  it('loads more after the records shown, with the same filters, and stops at the total', async () => {
    const api = auditApi(25)
    const store = createAuditLogStore(api)
    await store.getState().search({ ...NO_FILTERS, action: 'star.override' })

    await store.getState().loadMore()
    await store.getState().loadMore()

    expect(api.auditLog).toHaveBeenLastCalledWith({
      action: 'star.override',
      offset: 20,
      limit: AUDIT_PAGE,
    })
    expect(api.auditLog).toHaveBeenCalledTimes(2)
    expect(store.getState().items.map((e) => e.id)).toEqual(entries(0, 25).map((e) => e.id))
  })

  it('drops a page that arrives after a new search', async () => {
    const api = auditApi(25)
    const store = createAuditLogStore(api)
    await store.getState().search(NO_FILTERS)
    const late = deferred<Awaited<ReturnType<typeof api.auditLog>>>()
    api.auditLog.mockReturnValueOnce(late.promise)

    const more = store.getState().loadMore()
    await store.getState().search({ ...NO_FILTERS, actorId: 'staff-2' })
    late.resolve(success({ items: entries(100, 5), total: 25 }))
    await more

    expect(store.getState().items.map((e) => e.id)).toEqual(entries(0, 20).map((e) => e.id))
    expect(store.getState().loadingMore).toBe(false)
  })

  it('reports a refused search as an error', async () => {
    const api = auditApi()
    api.auditLog.mockResolvedValueOnce(failure('MEMBER.NOT_FOUND'))
    const store = createAuditLogStore(api)

    const failed = await store.getState().search({ ...NO_FILTERS, member: '860000000000' })

    expect(failed).toMatchObject({ code: 'MEMBER.NOT_FOUND' })
    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'MEMBER.NOT_FOUND' } })
  })
})
