import { cardFunction } from '../../../cloudfunctions/card/index'
import { eventsFunction } from '../../../cloudfunctions/events/index'
import { pointsFunction } from '../../../cloudfunctions/points/index'
import { createDeps } from '../../../cloudfunctions/_shared/deps'
import type { Deps } from '../../../cloudfunctions/_shared/ports'
import { getMyCard } from '../../../cloudfunctions/_shared/use-cases/card-use-cases'
import { cardCode, timeStep } from '../../../src/domain/card/card-code'
import { aPublishedEvent } from '../event-flow'
import { FUNCTIONS } from '../function-table'
import { aSeededScene, validPayloads, WHO_MAY, type Who } from '../valid-payloads'
import { aMemberAtTheCounter } from '../points-flow'
import { anActiveMember, callerOf } from '../registration-flow'
import { addStaff, fixedClock, newRequestId, TEST_DATA_KEY } from '../test-deps'
import type { CloudbaseDatabaseDouble } from './database-double'
import { aDoubleBackedStore } from './double-store'

/** The scene's time (a May weekday: events open, no job due). */
const SCENE_TIME = '2026-05-10T02:00:00.000Z'

/**
 * The wire requests one piece of work made through the real SDK (`getDocument cards`, …), and its
 * round trips: the requests it waited for one after another — a request sent while another was
 * still on the wire (sent alongside, e.g. by `Promise.all`) costs no round trip of its own.
 */
export type RoundTrips = { count: number; roundTrips: number; actions: string[] }

/** Real time each counted request takes on the wire, so that requests sent together overlap. */
export const COUNTED_WIRE_MS = 2

export async function roundTripsOf<T>(
  double: CloudbaseDatabaseDouble,
  work: () => Promise<T>,
): Promise<{ value: T; trips: RoundTrips }> {
  const before = double.requests.length
  const value = await work()
  const sent = double.requests.slice(before)
  const actions = sent.map(
    (r) =>
      `${r.alongside ? '∥ ' : ''}${r.action.replace('database.', '')}${r.collection ? ` ${r.collection}` : ''}`,
  )
  const roundTrips = sent.filter((r) => !r.alongside).length
  return { value, trips: { count: actions.length, roundTrips, actions } }
}

/** A CloudBase store (real node-sdk over the double) with deps at a fixed time. */
export function aCountedCloudbase(nowIso = '2026-11-23T02:00:00.000Z') {
  const { store, double, cleanup } = aDoubleBackedStore({ wireDelayMs: COUNTED_WIRE_MS })
  const clock = fixedClock(nowIso)
  const deps: Deps = createDeps(store, { CLUB_DATA_KEY: TEST_DATA_KEY }, { clock })
  return { deps, double, clock, cleanup: async () => (await store.close(), await cleanup()) }
}

/**
 * The counter's three busiest actions as a clerk and a member do them, each counted once warm (the
 * clerk's rate count of the window already exists, as at a counter that has served someone this
 * minute): the clerk verifies the member's next code, records a purchase, and a member signs up
 * for an event. Every answer must be a success.
 */
export async function counterRoundTrips(): Promise<Record<string, RoundTrips>> {
  const { deps, double, clock, cleanup } = aCountedCloudbase()
  try {
    const { member, clerk } = await aMemberAtTheCounter(deps)
    const reviewer = await addStaff(deps, 'reviewer')
    const event = await aPublishedEvent(deps)
    const signer = await anActiveMember(deps, reviewer)
    const card = await getMyCard(deps, callerOf(member.openid))
    if (!card.ok) throw new Error(card.error.code)
    const secret = new Uint8Array(Buffer.from(card.data.secret, 'base64'))
    const call = async (
      fn: typeof cardFunction,
      openid: string,
      action: string,
      payload: unknown,
    ) => {
      const answer = await fn.handle(
        { action, payload, requestId: newRequestId() },
        callerOf(openid),
        deps,
      )
      if (!answer.ok) throw new Error(`${action} refused: ${JSON.stringify(answer.error)}`)
      return answer
    }

    // A counter that has served someone this minute: the clerk's rate count of the window exists.
    clock.set('2026-11-23T02:01:00.000Z')
    await call(cardFunction, clerk.openid, 'verify', {
      code: cardCode(secret, card.data, timeStep(clock.now())),
    })
    clock.set('2026-11-23T02:01:30.000Z')
    const verify = await roundTripsOf(double, () =>
      call(cardFunction, clerk.openid, 'verify', {
        code: cardCode(secret, card.data, timeStep(clock.now())),
      }),
    )
    const earn = await roundTripsOf(double, () =>
      call(pointsFunction, clerk.openid, 'earnPurchase', {
        cardNo: member.cardNo,
        lines: [{ category: 'daily', amountFen: 12_800 }],
      }),
    )
    const signUp = await roundTripsOf(double, () =>
      call(eventsFunction, signer.openid, 'signUp', { eventId: event.id, acknowledged: true }),
    )
    return {
      'card.verify': verify.trips,
      'points.earnPurchase': earn.trips,
      'events.signUp': signUp.trips,
    }
  } finally {
    await cleanup()
  }
}

/**
 * Every action of every function, once, in the order of `WHO_MAY`, by a caller allowed to call it
 * over a seeded scene (the same walk as cloudbase-main-actions.test.ts): its wire requests, and
 * whether it succeeded (a refusal for the scene's state still shows the requests it made).
 */
export async function everyActionRoundTrips(): Promise<
  { id: string; count: number; roundTrips: number; ok: boolean }[]
> {
  const { deps, double, cleanup } = aCountedCloudbase(SCENE_TIME)
  try {
    const scene = await aSeededScene(deps)
    const payloads = validPayloads(deps, scene)
    const openidOf = (who: Who, name: string, action: string): string =>
      ({
        anonymous: '',
        guest: `o_trips_guest_${name}_${action}`,
        member: scene.member.openid,
        clerk: scene.clerk.openid,
        reviewer: scene.reviewer.openid,
        admin: scene.admin.openid,
      })[who]
    const rows: { id: string; count: number; roundTrips: number; ok: boolean }[] = []
    for (const [name, actions] of Object.entries(WHO_MAY)) {
      for (const [action, allowed] of Object.entries(actions)) {
        const { value, trips } = await roundTripsOf(double, () =>
          FUNCTIONS[name]!.fn.handle(
            { action, payload: payloads[name]![action], requestId: newRequestId() },
            callerOf(openidOf(allowed[0]!, name, action)),
            deps,
          ),
        )
        rows.push({
          id: `${name}.${action}`,
          count: trips.count,
          roundTrips: trips.roundTrips,
          ok: value.ok,
        })
      }
    }
    return rows
  } finally {
    await cleanup()
  }
}
