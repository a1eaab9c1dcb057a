/**
 * Database round trips per action on CloudBase: every action of every function run once through
 * its handler, on the production adapter over the real node-sdk with the database double under it,
 * counting the wire requests the SDK sends (tests/support/cloudbase/round-trips.ts). The counter's
 * three busiest actions are counted again as a counter does them, warm.
 */
import { counterRoundTrips, everyActionRoundTrips } from '../tests/support/cloudbase/round-trips'
import type { Figure } from './bench-figure'

export async function roundTripFigures(): Promise<Figure[]> {
  const counter = await counterRoundTrips()
  const every = await everyActionRoundTrips()
  return [
    ...Object.entries(counter).map(([action, trips]) => ({
      id: `cloudbase.roundtrips.counter.${action}`,
      name: `CloudBase round trips at the counter: ${action} (warm)`,
      value: trips.count,
      unit: 'requests',
    })),
    ...every.map((row) => ({
      id: `cloudbase.roundtrips.${row.id}`,
      name: `CloudBase round trips: ${row.id}${row.ok ? '' : ' (refused for the scene)'}`,
      value: row.count,
      unit: 'requests',
    })),
  ]
}
