import { initialStar } from '@/domain/star/star'

describe('initialStar', () => {
  it('gives a newly approved member 1★ for the current Shanghai year, from first approval', () => {
    const now = new Date('2026-11-23T02:00:00.000Z')

    const grant = initialStar('m-1', now)

    expect(grant).toEqual({
      memberId: 'm-1',
      year: 2026,
      star: 1,
      source: 'initial',
      reason: null,
      grantedAt: '2026-11-23T02:00:00.000Z',
    })
  })

  it.each([
    ['2026-12-31T15:59:59.999Z', 2026],
    ['2026-12-31T16:00:00.000Z', 2027],
    ['2026-12-31T16:30:00.000Z', 2027],
    ['2027-01-01T00:00:00.000Z', 2027],
  ])('counts an approval at %s for the Shanghai year %i', (iso, expected) => {
    const now = new Date(iso)

    const grant = initialStar('m-1', now)

    expect(grant.year).toBe(expected)
    expect(grant.star).toBe(1)
    expect(grant.grantedAt).toBe(iso)
  })
})
