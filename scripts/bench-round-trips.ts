/**
 * Database round trips per action on CloudBase: every action of every function run once through
 * its handler, on the production adapter over the real node-sdk with the database double under it,
 * counting the wire requests the SDK sends and the round trips they cost — requests sent together
 * share one (tests/support/cloudbase/round-trips.ts). The counter's three busiest actions are
 * counted again as a counter does them, warm.
 */
import { counterRoundTrips, everyActionRoundTrips } from '../tests/support/cloudbase/round-trips'
import type { Figure } from './bench-figure'

export async function roundTripFigures(): Promise<Figure[]> {
  const counter = Object.entries(await counterRoundTrips()).map(([action, trips]) => ({
    id: `counter.${action}`,
    label: `at the counter: ${action} (warm)`,
    ...trips,
  }))
  const every = (await everyActionRoundTrips()).map((row) => ({
    ...row,
    label: `${row.id}${row.ok ? '' : ' (refused for the scene)'}`,
  }))
  return [...counter, ...every].flatMap((row) => [
    {
      id: `cloudbase.roundtrips.${row.id}`,
      name: `CloudBase round trips ${row.label}`,
      value: row.roundTrips,
      unit: 'round trips',
    },
    {
      id: `cloudbase.requests.${row.id}`,
      name: `CloudBase wire requests ${row.label}`,
      value: row.count,
      unit: 'requests',
    },
  ])
}
