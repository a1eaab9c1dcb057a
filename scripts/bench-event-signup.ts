/**
 * A burst of event sign-ups (SPEC §7): BENCH_SIGNUPS members (default 2000) sign up at the same
 * moment for one first-come event with 100 places, on the sqlite adapter.
 *
 * Over HTTP: every member's `signUp` is POSTed to the real local host (`/fn/events`, each with
 * their signed dev session) at once; the figures are the burst's throughput (sign-ups / s from
 * the first request sent to the last reply read) and the p50 / p99 of the single requests' times.
 * The client runs in a worker thread: in the host's own thread it could read no reply before the
 * host had answered them all (the store's queue runs a burst without yielding), so every request
 * would "take" the whole burst. Its connections are opened beforehand, one kept alive per member
 * (opened all in one tick they overflow the host's accept queue), and it speaks plain node:http:
 * on this two-core machine the client shares the CPU with the host, and `fetch` (undici) cost it
 * about twice as much per request, which the drain time then counted against the host.
 *
 * Open loop: the same members sign up for a third event arriving at a steady 1,000 per second
 * (BENCH_SIGNUP_RATE): each request is sent when it is due, not after the previous answer, and its
 * latency counts from when it was due (p50, p99).
 *
 * Direct, the baseline measured in the same run: the same burst handed to `eventsFunction.handle`
 * in-process (contract parse → use case → SQLite transaction, no HTTP). The HTTP row's ratio is the
 * share of the direct throughput that survives the local host.
 *
 * Seeding (the members, through the registration use cases) is timed apart and not in a figure.
 * After each burst (outside the timing) every reply must be a sign-up, exactly min(100, N)
 * confirmed and the rest waitlisted, or the bench fails.
 */
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { openSqliteStore } from '../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { createDeps } from '../cloudfunctions/_shared/deps'
import type { Deps } from '../cloudfunctions/_shared/ports'
import { eventsFunction } from '../cloudfunctions/events/index'
import { activeMembers, holdWrites, signInAll } from '../tests/support/bulk-members'
import { aPublishedEvent } from '../tests/support/event-flow'
import { startTestHost } from '../tests/support/local-host-client'
import { callerOf } from '../tests/support/registration-flow'
import { TEST_DATA_KEY } from '../tests/support/test-deps'
import type { Figure } from './bench-figure'
import { profiled } from './bench-profile'

const CAPACITY = 100
/** Arrivals per second of the open-loop run (BENCH_SIGNUP_RATE, default 1000). */
const OPEN_LOOP_RATE = Number(process.env.BENCH_SIGNUP_RATE ?? 1000)
/** Sign-ups of the untimed warm-up rounds, direct and over HTTP. */
const WARM_UP = 200

/** N from BENCH_SIGNUPS (default 2000). */
export function signupBurstSize(): number {
  const n = Number(process.env.BENCH_SIGNUPS ?? 2000)
  if (!Number.isInteger(n) || n < 1) throw new Error('BENCH_SIGNUPS: a whole number ≥ 1')
  return n
}

/** 2000 → "2k", 250 → "250". */
const sizeLabel = (n: number) => (n % 1000 === 0 ? `${n / 1000}k` : String(n))

type Reply = { ok: boolean; data?: { status?: string }; error?: { code: string } }
type Burst = { seconds: number; latenciesMs: number[]; replies: Reply[] }

/** The q-quantile (0..1) of `values`, nearest rank. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

/** The burst handed straight to the function, every call started in the same tick. */
async function directBurst(deps: Deps, openids: string[], eventId: string, tag: string) {
  const latenciesMs: number[] = new Array(openids.length)
  const started = performance.now()
  const replies = await Promise.all(
    openids.map(async (openid, i) => {
      const sent = performance.now()
      const reply = await eventsFunction.handle(
        { action: 'signUp', payload: { eventId }, requestId: `bench-${tag}-${i}` },
        callerOf(openid),
        deps,
      )
      latenciesMs[i] = performance.now() - sent
      return reply as Reply
    }),
  )
  return { seconds: (performance.now() - started) / 1000, latenciesMs, replies }
}

/**
 * The HTTP client, in plain JavaScript for a worker thread: on `open` it sends one failing
 * sign-up per member (posting `sent` once every request is out on a connection of its own, then
 * `opened`); on `burst` the sign-ups of every member (or the first `count`) at once, posting the
 * times and replies.
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads')
const http = require('node:http')
const { base, cookies } = workerData
const { hostname, port } = new URL(base)
// One kept-alive connection per member, all kept between the rounds.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: Infinity })
/** Request ids are 8 to 64 of [A-Za-z0-9_-]. */
const id = (tag, i) => 'bench-' + tag + '-' + String(i).padStart(6, '0')
const call = (cookie, payload, requestId, onSent) =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify({ action: 'signUp', payload, requestId })
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      cookie,
    }
    const req = http.request(
      { hostname, port, path: '/fn/events', method: 'POST', agent, headers },
      (res) => {
        const chunks = []
        res.on('data', (chunk) => chunks.push(chunk))
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
          } catch (error) {
            reject(error)
          }
        })
      },
    )
    req.on('error', reject)
    if (onSent) req.on('finish', onSent)
    req.end(body)
  })
parentPort.on('message', async (message) => {
  if (message.type === 'open') {
    let sent = 0
    const onSent = () => {
      if (++sent === cookies.length) parentPort.postMessage({ type: 'sent' })
    }
    await Promise.all(
      cookies.map((c, i) => call(c, { eventId: 'no-such-event' }, id('open', i), onSent)),
    )
    parentPort.postMessage({ type: 'opened' })
  } else if (message.type === 'burst') {
    const senders = cookies.slice(0, message.count ?? cookies.length)
    const latenciesMs = new Array(senders.length)
    const started = performance.now()
    const replies = await Promise.all(
      senders.map(async (c, i) => {
        const sent = performance.now()
        const reply = await call(c, { eventId: message.eventId }, id(message.tag, i))
        latenciesMs[i] = performance.now() - sent
        return reply
      }),
    )
    const seconds = (performance.now() - started) / 1000
    parentPort.postMessage({ type: 'done', seconds, latenciesMs, replies })
  } else if (message.type === 'openLoop') {
    // Request i is due at i / rate seconds, sent then whatever came back before; its latency
    // counts from when it was due, so a late send counts against the host too.
    const gapMs = 1000 / message.rate
    const latenciesMs = new Array(cookies.length)
    const started = performance.now()
    const replies = await Promise.all(
      cookies.map(
        (c, i) =>
          new Promise((resolve, reject) => {
            const due = started + i * gapMs
            const send = () =>
              call(c, { eventId: message.eventId }, id(message.tag, i)).then((reply) => {
                latenciesMs[i] = performance.now() - due
                resolve(reply)
              }, reject)
            setTimeout(send, Math.max(0, due - performance.now()))
          }),
      ),
    )
    const seconds = (performance.now() - started) / 1000
    parentPort.postMessage({ type: 'done', seconds, latenciesMs, replies })
  }
})
`

/** The worker's next message of type `type`. */
function next<T>(worker: Worker, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return
      worker.off('message', onMessage)
      worker.off('error', reject)
      resolve(message as T)
    }
    worker.on('message', onMessage)
    worker.on('error', reject)
  })
}

/** Sends the worker a message and waits for its reply of type `until`. */
function ask<T>(worker: Worker, message: object, until: string): Promise<T> {
  const reply = next<T>(worker, until)
  worker.postMessage(message)
  return reply
}

/** Every reply a sign-up: min(100, N) confirmed and the rest waitlisted, as told and as stored. */
async function verify(deps: Deps, eventId: string, burst: Burst, label: string) {
  const n = burst.replies.length
  const confirmed = Math.min(CAPACITY, n)
  const told = (status: string) => burst.replies.filter((r) => r.data?.status === status).length
  const stored = async (status: 'confirmed' | 'waitlisted') =>
    (await deps.store.read.signups.forEvent(eventId, status, 0, 1)).total
  const event = await deps.store.read.events.byId(eventId)
  const checks: [string, unknown, unknown][] = [
    ['replies refused', burst.replies.filter((r) => !r.ok).length, 0],
    ['replies confirmed', told('confirmed'), confirmed],
    ['replies waitlisted', told('waitlisted'), n - confirmed],
    ['stored confirmed', await stored('confirmed'), confirmed],
    ['stored waitlisted', await stored('waitlisted'), n - confirmed],
    ["event's confirmed", event?.confirmed, confirmed],
    ["event's sign-ups", event?.signups, n],
  ]
  const wrong = checks.filter(([, found, expected]) => found !== expected)
  if (wrong.length > 0) {
    const refusal = burst.replies.find((r) => !r.ok)
    throw new Error(
      `${label} of ${n}: ` +
        wrong.map(([what, found, expected]) => `${what} ${found}, not ${expected}`).join('; ') +
        (refusal ? ` (e.g. ${JSON.stringify(refusal.error)})` : ''),
    )
  }
}

/**
 * Seeds BENCH_SIGNUPS members in `dir`, warms both paths up, then times the direct burst and the
 * HTTP burst, each on its own fresh event; returns the figures. Seeding goes to the console.
 */
export async function eventSignupFigures(dir: string): Promise<Figure[]> {
  const n = signupBurstSize()
  const store = openSqliteStore(join(dir, 'events.db'))
  const deps = createDeps(store, { CLUB_DATA_KEY: TEST_DATA_KEY })
  const host = await startTestHost(deps)
  let worker: Worker | null = null
  try {
    const started = performance.now()
    const members = await activeMembers(deps, n)
    const openids = members.map((m) => m.openid)
    const cookies = await signInAll(host.signIn, openids)
    console.log(
      `event sign-up burst: ${n} members seeded and signed in in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s (not timed)`,
    )
    worker = new Worker(CLIENT, { eval: true, workerData: { base: host.base, cookies } })
    const anEvent = async () => (await aPublishedEvent(deps, { capacity: CAPACITY })).id

    // Untimed: the worker's connections (one per member), and a warm-up round on each path.
    const writes = holdWrites(deps)
    const sent = next(worker, 'sent')
    const opened = ask(worker, { type: 'open' }, 'opened')
    let timer: NodeJS.Timeout | undefined
    const allSent = await Promise.race([
      sent.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 30_000))),
    ])
    clearTimeout(timer)
    writes.release()
    await Promise.all([writes.done, opened])
    if (!allSent) throw new Error(`event sign-up burst: ${n} connections not open within 30 s`)
    const few = Math.min(WARM_UP, n)
    await directBurst(deps, openids.slice(0, few), await anEvent(), 'warm-direct')
    const warm = { type: 'burst', eventId: await anEvent(), tag: 'warm', count: few }
    await ask(worker, warm, 'done')

    const directEvent = await anEvent()
    const direct = await directBurst(deps, openids, directEvent, 'direct')
    await verify(deps, directEvent, direct, 'direct burst')

    const httpEvent = await anEvent()
    const http = await profiled('signup-burst-host', () =>
      ask<Burst>(worker!, { type: 'burst', eventId: httpEvent, tag: 'http' }, 'done'),
    )
    await verify(deps, httpEvent, http, 'HTTP burst')
    const loopEvent = await anEvent()
    const loop = await ask<Burst>(
      worker,
      { type: 'openLoop', eventId: loopEvent, tag: 'loop', rate: OPEN_LOOP_RATE },
      'done',
    )
    await verify(deps, loopEvent, loop, 'open-loop sign-ups')
    console.log(
      `event sign-up burst: direct ${direct.seconds.toFixed(2)} s, ` +
        `HTTP ${http.seconds.toFixed(2)} s, open loop at ${OPEN_LOOP_RATE}/s ` +
        `p99 ${quantile(loop.latenciesMs, 0.99).toFixed(1)} ms, verified`,
    )

    const name = `event sign-up burst ${sizeLabel(n)} for ${CAPACITY} places`
    const directRate = n / direct.seconds
    const httpRate = n / http.seconds
    return [
      { name: `${name}, direct handler (baseline)`, value: directRate, unit: 'sign-ups/s' },
      {
        name: `${name}, HTTP via the local host`,
        value: httpRate,
        unit: 'sign-ups/s',
        ratio: httpRate / directRate,
        vs: 'direct handler',
      },
      {
        id: 'signup.burst.drain_s',
        name: `${name}, time to drain over HTTP`,
        value: http.seconds,
        unit: 's',
      },
      { name: `${name}, HTTP p50 latency`, value: quantile(http.latenciesMs, 0.5), unit: 'ms' },
      {
        id: 'signup.burst.p99_ms',
        name: `${name}, HTTP p99 latency`,
        value: quantile(http.latenciesMs, 0.99),
        unit: 'ms',
      },
      {
        id: 'signup.open_loop.p50_ms',
        name: `${sizeLabel(n)} sign-ups arriving at ${OPEN_LOOP_RATE}/s (open loop), HTTP p50`,
        value: quantile(loop.latenciesMs, 0.5),
        unit: 'ms',
      },
      {
        id: 'signup.open_loop.p99_ms',
        name: `${sizeLabel(n)} sign-ups arriving at ${OPEN_LOOP_RATE}/s (open loop), HTTP p99`,
        value: quantile(loop.latenciesMs, 0.99),
        unit: 'ms',
        ratio: quantile(loop.latenciesMs, 0.99) / 50,
        vs: '50 ms goal',
      },
    ]
  } finally {
    await worker?.terminate()
    await host.close()
    await store.close()
  }
}
