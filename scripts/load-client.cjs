/**
 * The load driver's client, run in a worker thread (see scripts/load.ts): in the host's own thread
 * it could read no reply while the host was busy, so every request would seem to take as long as
 * the busiest moment. Plain JavaScript, so the worker needs no TypeScript loader.
 *
 * Open loop: request i is due at start + i / rate and is sent then, whether or not earlier ones
 * were answered; its latency runs from when it was due (not when it went out), so a client that
 * falls behind shows up as latency instead of hiding it (coordinated omission).
 *
 * The mix repeats every 20 requests: 6 reads (points.history, events.mySignups), 5 card
 * verifications, 5 purchases, 2 redemptions, 2 sign-ups.
 */
const { parentPort, workerData } = require('node:worker_threads')
const { createHmac } = require('node:crypto')

const { base, members, clerks, eventIds, itemIds, seededStep } = workerData

const MIX = [
  'history',
  'verify',
  'earn',
  'mySignups',
  'verify',
  'earn',
  'signUp',
  'history',
  'redeem',
  'verify',
  'earn',
  'mySignups',
  'verify',
  'earn',
  'history',
  'signUp',
  'verify',
  'earn',
  'redeem',
  'mySignups',
]

const STEP_MS = 30_000
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** The code a member's phone shows (src/domain/card/card-code.ts), with node's HMAC. */
function cardCode(member, step) {
  const mac = createHmac('sha256', Buffer.from(member.secret, 'base64'))
    .update(`${member.cardNo}.${member.version}.${step}`)
    .digest()
    .subarray(0, 10)
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of mac) {
    value = ((value << 8) | byte) & 0xffff
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  return ['RCC1', member.cardNo, member.version, step.toString(36), out].join('.')
}

/** Per member: the last code step used, and how many events they have signed up for. */
const lastStep = members.map(() => seededStep)
const signedUp = members.map(() => 0)
/** Members whose card a clerk verified during the run, oldest first: the next purchases. */
const verified = []
const cursor = { verify: 0, earn: 0, redeem: 0, signUp: 0, read: 0 }
const next = (what) => cursor[what]++ % members.length
const clerkOf = (m) => clerks[m % clerks.length]

/**
 * A code for a member whose card can take one now: a step after the last one accepted, no later
 * than the next step (the server takes one step early), so no code is replayed or expires in
 * flight. Null when every member has shown a code too recently.
 */
function aCodeToShow() {
  const step = Math.floor(Date.now() / STEP_MS)
  for (let tries = 0; tries < members.length; tries++) {
    const m = next('verify')
    const use = Math.max(step, lastStep[m] + 1)
    if (use <= step + 1) {
      lastStep[m] = use
      return { m, code: cardCode(members[m], use) }
    }
  }
  return null
}

/** The request for slot i of the mix: [kind, cookie, fn, action, payload], or null. */
function requestFor(i, tag) {
  const kind = MIX[i % MIX.length]
  const requestId = `load-${tag}-${i}`
  if (kind === 'history' || kind === 'mySignups') {
    const member = members[next('read')]
    return kind === 'history'
      ? { kind, cookie: member.cookie, fn: 'points', action: 'history', payload: { limit: 20 } }
      : { kind, cookie: member.cookie, fn: 'events', action: 'mySignups', payload: {} }
  }
  if (kind === 'verify') {
    const shown = aCodeToShow()
    if (!shown) return null
    const clerk = clerkOf(shown.m)
    const payload = { code: shown.code }
    return { kind, cookie: clerk, fn: 'card', action: 'verify', payload, requestId, m: shown.m }
  }
  if (kind === 'earn') {
    // A purchase follows a verification at the same counter; seeding showed every card once.
    const m = verified.length > 0 ? verified.shift() : next('earn')
    const payload = { cardNo: members[m].cardNo, lines: [{ category: 'food', amountFen: 12_850 }] }
    return { kind, cookie: clerkOf(m), fn: 'points', action: 'earnPurchase', payload, requestId }
  }
  if (kind === 'redeem') {
    const m = next('redeem')
    const payload = { itemId: itemIds[i % itemIds.length] }
    return { kind, cookie: members[m].cookie, fn: 'points', action: 'redeem', payload, requestId }
  }
  let m = next('signUp')
  for (let tries = 0; signedUp[m] >= eventIds.length && tries < members.length; tries++) {
    m = next('signUp')
  }
  if (signedUp[m] >= eventIds.length) return null
  const payload = { eventId: eventIds[signedUp[m]++] }
  return { kind, cookie: members[m].cookie, fn: 'events', action: 'signUp', payload, requestId }
}

async function send(request, dueAt, start) {
  const body = { action: request.action, payload: request.payload }
  if (request.requestId) body.requestId = request.requestId
  try {
    const res = await fetch(`${base}/fn/${request.fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: request.cookie },
      body: JSON.stringify(body),
    })
    const reply = await res.json()
    if (reply.ok && request.kind === 'verify') verified.push(request.m)
    return {
      kind: request.kind,
      ms: performance.now() - dueAt,
      at: dueAt - start,
      ok: reply.ok === true,
      code: reply.ok ? null : String(reply.error?.code ?? `HTTP ${res.status}`),
      itemId: request.action === 'redeem' && reply.ok ? request.payload.itemId : null,
    }
  } catch (error) {
    const ms = performance.now() - dueAt
    return { kind: request.kind, ms, at: dueAt - start, ok: false, code: String(error) }
  }
}

/** Runs `rate` requests a second for `seconds`; posts every reply's kind, latency and outcome. */
async function run({ rate, seconds, tag }) {
  const total = Math.max(1, Math.round(rate * seconds))
  const interval = 1000 / rate
  const pending = []
  let starved = 0
  let i = 0
  const start = performance.now() + 5
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now()
      while (i < total && start + i * interval <= now) {
        const request = requestFor(i, tag)
        if (request) pending.push(send(request, start + i * interval, start))
        else starved++
        i++
      }
      if (i < total) setTimeout(tick, Math.max(0, Math.min(interval, start + i * interval - now)))
      else resolve()
    }
    setTimeout(tick, 5)
  })
  const replies = await Promise.all(pending)
  const elapsedSeconds = (performance.now() - start) / 1000
  parentPort.postMessage({ type: 'done', replies, starved, elapsedSeconds })
}

parentPort.on('message', (message) => {
  if (message.type === 'run') run(message)
})
