import { hmac } from '@noble/hashes/hmac'
import { sha256 } from '@noble/hashes/sha256'
import { ok, type Result } from '../shared/result'
import {
  clockSkew,
  codeExpired,
  codeForged,
  codeMalformed,
  codeOldVersion,
  codeReplayed,
} from './card.errors'
import { isValidCardNumber } from './card-number'

/**
 * The dynamic member code (动态会员码) of SPEC §6, like a payment code: derived on the phone from
 * the card's secret and the time, so it works offline; short-lived and single-use on the server.
 *
 *   RCC1.<cardNo>.<cardVersion>.<step>.<mac>
 *
 * `step` counts 30-second periods since the epoch (base 36); `mac` is the first 80 bits of
 * HMAC-SHA256(secret, "cardNo.version.step") in base 32. A code is accepted during its own step
 * and the next (so it lives at most 60 s), one step early for a phone clock running ahead, and
 * only once: a step not after the card's last accepted one is refused.
 */
export const CODE_PREFIX = 'RCC1'
export const CODE_STEP_SECONDS = 30
const MAC_BYTES = 10
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** The 30-second period `now` falls in. */
export function timeStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / CODE_STEP_SECONDS)
}

/** Seconds left before the code of `now`'s step gives way to the next one (for the countdown). */
export function secondsToNextStep(now: Date): number {
  const elapsed = Math.floor(now.getTime() / 1000) % CODE_STEP_SECONDS
  return CODE_STEP_SECONDS - elapsed
}

function base32(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}

function macOf(secret: Uint8Array, cardNo: string, version: number, step: number): string {
  // ASCII only; built by hand because the mini-program engine may lack TextEncoder.
  const text = `${cardNo}.${version}.${step}`
  const message = Uint8Array.from(text, (c) => c.charCodeAt(0))
  return base32(hmac(sha256, secret, message).slice(0, MAC_BYTES))
}

/** The code the phone shows for `card` at time step `step`. */
export function cardCode(
  secret: Uint8Array,
  card: { cardNo: string; version: number },
  step: number,
): string {
  return [
    CODE_PREFIX,
    card.cardNo,
    card.version,
    step.toString(36),
    macOf(secret, card.cardNo, card.version, step),
  ].join('.')
}

export type ParsedCode = { cardNo: string; version: number; step: number; mac: string }

/** Reads a scanned text as a member code, or refuses it as malformed (nothing else is trusted). */
export function parseCardCode(text: string): Result<ParsedCode> {
  if (typeof text !== 'string' || text.length > 80) return codeMalformed()
  const parts = text.trim().split('.')
  if (parts.length !== 5 || parts[0] !== CODE_PREFIX) return codeMalformed()
  const [, cardNo, versionText, stepText, mac] = parts as [string, string, string, string, string]
  if (!isValidCardNumber(cardNo)) return codeMalformed()
  if (!/^[1-9]\d{0,5}$/.test(versionText) || !/^[0-9a-z]{1,10}$/.test(stepText))
    return codeMalformed()
  if (!/^[A-Z2-7]{16}$/.test(mac)) return codeMalformed()
  return ok({ cardNo, version: Number(versionText), step: parseInt(stepText, 36), mac })
}

/** Compares two MACs in time independent of where they differ. */
function sameMac(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/**
 * Checks a parsed code against the card it names (SPEC §6). Each refusal has its own code: an old
 * card version (lost card re-keyed), a forged MAC, a code past its 60 s, a phone clock too far
 * ahead, a code already accepted (replay or screenshot). Returns the step to record as used.
 */
export function verifyCardCode(
  code: ParsedCode,
  card: { cardNo: string; version: number; lastAcceptedStep: number },
  secret: Uint8Array,
  now: Date,
): Result<{ step: number }> {
  if (code.cardNo !== card.cardNo) return codeForged()
  if (code.version < card.version) return codeOldVersion()
  if (code.version > card.version) return codeForged()
  if (!sameMac(code.mac, macOf(secret, card.cardNo, card.version, code.step))) return codeForged()
  const current = timeStep(now)
  if (code.step < current - 1) return codeExpired()
  if (code.step > current + 1) return clockSkew()
  if (code.step <= card.lastAcceptedStep) return codeReplayed()
  return ok({ step: code.step })
}
