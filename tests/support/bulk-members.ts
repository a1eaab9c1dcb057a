import diagnostics from 'node:diagnostics_channel'
import type { Deps, StaffRecord } from '../../cloudfunctions/_shared/ports'
import { anActiveMember } from './registration-flow'
import { addStaff } from './test-deps'

export type SeededMember = { openid: string; memberId: string; cardNo: string }

/**
 * `count` active members made by the real use cases (registerMember, then approveRegistration by
 * one reviewer), one after another: every record, card and 1★ is exactly what production writes,
 * and each openid, mobile and licence is distinct. Fast enough for load tests and the bench
 * (≈ 1.5 ms a member on the SQLite adapter: 2,000 in ~3 s), so no SQL shortcut is needed.
 */
export async function activeMembers(
  deps: Deps,
  count: number,
  reviewer?: StaffRecord,
): Promise<SeededMember[]> {
  const by = reviewer ?? (await addStaff(deps, 'reviewer'))
  const members: SeededMember[] = []
  for (let i = 0; i < count; i++) {
    const { openid, memberId, cardNo } = await anActiveMember(deps, by)
    members.push({ openid, memberId, cardNo })
  }
  return members
}

/**
 * Signs each openid in through the local host's dev page (`signIn` of `startTestHost`), `batch`
 * at a time; returns the session cookies in the same order.
 */
export async function signInAll(
  signIn: (openid: string) => Promise<string>,
  openids: readonly string[],
  batch = 100,
): Promise<string[]> {
  const cookies: string[] = []
  for (let i = 0; i < openids.length; i += batch) {
    cookies.push(...(await Promise.all(openids.slice(i, i + batch).map(signIn))))
  }
  return cookies
}

/**
 * Holds the store's write queue: every mutating call waits behind it until `release()`; `done`
 * settles once the queue is let go.
 */
export function holdWrites(deps: Deps): { release: () => void; done: Promise<void> } {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  return { release, done: deps.store.transaction(() => gate) }
}

/**
 * Opens `count` keep-alive connections from this process to the local host, so that a burst sent
 * next reuses them (as phones holding a session would) instead of opening them all in one tick.
 * Opened all at once, they overflow the host's accept queue (Node's default backlog, 511): the
 * connections dropped there wait for TCP retransmission, and while the host is busy with the
 * burst that backs off to seconds, at times tens of seconds — a measure of the kernel, not of the
 * functions.
 *
 * `send(i)` must be a mutating call that fails without writing (e.g. a sign-up for an unknown
 * event). The store's writes are held until all `count` calls are sent, so none is answered —
 * and none frees its connection for another — before then. The host has little else to do
 * meanwhile, so a connection dropped from its queue is soon retried and accepted (2,000 open in
 * about 3 s).
 */
export async function openConnections(
  deps: Deps,
  count: number,
  send: (i: number) => Promise<unknown>,
  timeoutMs = 30_000,
): Promise<void> {
  // fetch (undici) reports each request whose headers went out on a connection.
  let sentOn = 0
  const onSent = () => sentOn++
  diagnostics.subscribe('undici:client:sendHeaders', onSent)
  const writes = holdWrites(deps)
  const sent: Promise<unknown>[] = []
  try {
    for (let i = 0; i < count; i++) sent.push(send(i))
    const until = Date.now() + timeoutMs
    while (sentOn < count && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  } finally {
    writes.release()
    diagnostics.unsubscribe('undici:client:sendHeaders', onSent)
  }
  await writes.done
  await Promise.all(sent)
  if (sentOn < count) throw new Error(`only ${sentOn} of ${count} connections opened`)
}
