import { SCAN_VALID_MINUTES, wasShownTo } from '@/domain/card/card-shown'

describe('wasShownTo', () => {
  const scannedAt = '2026-11-23T02:00:00.000Z'
  const card = { lastScanBy: 'clerk-1', lastScanAt: scannedAt }

  it.each([
    ['right after the scan', 'clerk-1', '2026-11-23T02:00:00.000Z', true],
    ['exactly 10 minutes after', 'clerk-1', '2026-11-23T02:10:00.000Z', true],
    ['10 minutes and 1 ms after', 'clerk-1', '2026-11-23T02:10:00.001Z', false],
    ['to another clerk', 'clerk-2', '2026-11-23T02:01:00.000Z', false],
    ['before the scan (clock set back)', 'clerk-1', '2026-11-23T01:59:59.999Z', false],
  ])('counts the card as shown %s: %p → %p', (_case, clerkId, now, shown) => {
    expect(wasShownTo(card, clerkId, new Date(now))).toBe(shown)
  })

  it('never counts a card nobody has scanned', () => {
    expect(wasShownTo({ lastScanBy: null, lastScanAt: null }, 'clerk-1', new Date(scannedAt))).toBe(
      false,
    )
  })

  it('keeps a scan valid for 10 minutes (SPEC §5: no recording without the card shown)', () => {
    expect(SCAN_VALID_MINUTES).toBe(10)
  })
})
