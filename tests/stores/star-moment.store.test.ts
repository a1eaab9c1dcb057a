import type { StateStorage } from 'zustand/middleware'
import type { MemberSelfView } from '@/contracts/member.contract'
import { createStarMomentStore } from '@/stores/star-moment.store'

// The module also builds the app's store over Taro's storage (ESM-only @tarojs/taro); these tests
// give their own storage, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

type Standing = Pick<MemberSelfView, 'id' | 'status' | 'star' | 'previousStar' | 'starYear'>

const risen: Standing = { id: 'm1', status: 'active', star: 3, previousStar: 1, starYear: 2027 }

function memoryStorage(): StateStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  }
}

describe('the new-star moment (升星时刻)', () => {
  it('is due for an active member whose star rose since last year', () => {
    const store = createStarMomentStore(memoryStorage())

    expect(store.getState().isDue(risen)).toBe(true)
  })

  it.each([
    ['the same star as last year', { ...risen, star: 1 as const }],
    ['a lower star', { ...risen, previousStar: 4 as const }],
    ['no star last year (approved this year)', { ...risen, previousStar: null }],
    ['a suspended member', { ...risen, status: 'suspended' as const }],
  ])('is not due for %s', (_case, member) => {
    expect(createStarMomentStore(memoryStorage()).getState().isDue(member)).toBe(false)
  })

  it('once dismissed, stays closed for the year, also after the app restarts on this phone', () => {
    const storage = memoryStorage()
    createStarMomentStore(storage).getState().dismiss(risen)

    const reopened = createStarMomentStore(storage)

    expect(reopened.getState().isDue(risen)).toBe(false)
  })

  it("comes back the next year the star rises again, and is another member's own", () => {
    const store = createStarMomentStore(memoryStorage())
    store.getState().dismiss(risen)

    expect(store.getState().isDue({ ...risen, star: 4, previousStar: 3, starYear: 2028 })).toBe(
      true,
    )
    expect(store.getState().isDue({ ...risen, id: 'm2' })).toBe(true)
  })
})
