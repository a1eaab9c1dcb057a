/**
 * Recording a purchase needs the card shown (SPEC §5: "recording without the card shown is not
 * possible"): the clerk must have verified the member's code at the counter within 10 minutes.
 */
export const SCAN_VALID_MINUTES = 10

export type LastScan = { lastScanBy: string | null; lastScanAt: string | null }

/** True when `clerkId` verified this card's code no more than 10 minutes before `now`. */
export function wasShownTo(card: LastScan, clerkId: string, now: Date): boolean {
  if (!card.lastScanAt || card.lastScanBy !== clerkId) return false
  const age = now.getTime() - new Date(card.lastScanAt).getTime()
  return age >= 0 && age <= SCAN_VALID_MINUTES * 60_000
}
