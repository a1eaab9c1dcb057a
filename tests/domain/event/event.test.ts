import { EVENT_KINDS, EVENT_MODES, isFull } from '@/domain/event/event'

describe('EVENT_KINDS', () => {
  it('are SPEC §7’s kinds: tasting, leisure, sports, training, meeting', () => {
    expect(EVENT_KINDS).toEqual(['tasting', 'leisure', 'sports', 'training', 'meeting'])
  })
})

describe('EVENT_MODES', () => {
  it('are first come, first served and staff selection', () => {
    expect(EVENT_MODES).toEqual(['fcfs', 'selection'])
  })
})

describe('isFull', () => {
  it.each([
    [20, 0, false],
    [20, 19, false],
    [20, 20, true],
    [20, 21, true],
    [1, 1, true],
  ])('calls an event with capacity %i and %i confirmed full: %p', (capacity, confirmed, full) => {
    expect(isFull({ capacity, confirmed })).toBe(full)
  })
})
