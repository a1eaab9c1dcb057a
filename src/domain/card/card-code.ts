import { hmac } from '@noble/hashes/hmac'
import { sha256 } from '@noble/hashes/sha256'
import { ok, type Result } from '../shared/result'
import {
  cardNumberOnly,
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

/** ASCII text as bytes; built by hand because the mini-program engine may lack TextEncoder. */
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0))

function macOf(secret: Uint8Array, cardNo: string, version: number, step: number): string {
  return base32(hmac(sha256, secret, ascii(`${cardNo}.${version}.${step}`)).slice(0, MAC_BYTES))
}

/** Digits of the one-time part of the numeric code. */
export const DIGIT_CODE_OTP_LENGTH = 10
/** The numeric code: the 12-digit card number, then the one-time digits. */
export const DIGIT_CODE_LENGTH = 12 + DIGIT_CODE_OTP_LENGTH

/**
 * The one-time digits of a step: 48 bits of HMAC-SHA256 over a message of its own (so they say
 * nothing about the QR's MAC), as 10 decimal digits.
 */
function otpOf(secret: Uint8Array, cardNo: string, version: number, step: number): string {
  const mac = hmac(sha256, secret, ascii(`digits.${cardNo}.${version}.${step}`))
  let bits = 0
  for (let i = 0; i < 6; i++) bits = bits * 256 + mac[i]!
  return String(bits % 10 ** DIGIT_CODE_OTP_LENGTH).padStart(DIGIT_CODE_OTP_LENGTH, '0')
}

/**
 * The numeric dynamic code (数字动态码) the card page shows under the QR, for a clerk to type or a
 * member to read aloud when the scanner fails, like the digits under a WeChat Pay code: the card
 * number and 10 digits derived from the card's secret and the same 30-second step as the QR. It is
 * checked like the QR and takes the same step: of the QR and the digits of one step, one passes.
 */
export function digitCode(
  secret: Uint8Array,
  card: { cardNo: string; version: number },
  step: number,
): string {
  return card.cardNo + otpOf(secret, card.cardNo, card.version, step)
}

/** The numeric code in groups of four, as the card page shows it: `8600 0000 0015 4821 7390 12`. */
export const formatDigitCode = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ')

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

/** A scanned QR code, or the numeric code typed at the counter. */
export type ParsedCode =
  | { kind: 'qr'; cardNo: string; version: number; step: number; mac: string }
  | { kind: 'digits'; cardNo: string; otp: string }

/**
 * Reads a scanned or typed text as a member code, or refuses it (nothing else is trusted): the
 * QR's text, or the 22-digit numeric code with any spaces or dashes. A bare 12-digit card number is
 * refused with a message that says what to ask the member for instead.
 */
export function parseCardCode(text: string): Result<ParsedCode> {
  if (typeof text !== 'string' || text.length > 80) return codeMalformed()
  if (/^[\d\s-]+$/.test(text)) return parseDigits(text.replace(/[\s-]/g, ''))
  const parts = text.trim().split('.')
  if (parts.length !== 5 || parts[0] !== CODE_PREFIX) return codeMalformed()
  const [, cardNo, versionText, stepText, mac] = parts as [string, string, string, string, string]
  if (!isValidCardNumber(cardNo)) return codeMalformed()
  if (!/^[1-9]\d{0,5}$/.test(versionText) || !/^[0-9a-z]{1,10}$/.test(stepText))
    return codeMalformed()
  if (!/^[A-Z2-7]{16}$/.test(mac)) return codeMalformed()
  return ok({
    kind: 'qr',
    cardNo,
    version: Number(versionText),
    step: parseInt(stepText, 36),
    mac,
  })
}

function parseDigits(digits: string): Result<ParsedCode> {
  const cardNo = digits.slice(0, 12)
  if (digits.length === 12 && isValidCardNumber(cardNo)) return cardNumberOnly()
  if (digits.length !== DIGIT_CODE_LENGTH || !isValidCardNumber(cardNo)) return codeMalformed()
  return ok({ kind: 'digits', cardNo, otp: digits.slice(12) })
}

/** How many steps back a typed code is still recognised, to tell "expired" from "wrong". */
const DIGITS_LOOKBACK = 4

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
  if (code.kind === 'digits') return verifyDigits(code, card, secret, now)
  if (code.version < card.version) return codeOldVersion()
  if (code.version > card.version) return codeForged()
  if (!sameMac(code.mac, macOf(secret, card.cardNo, card.version, code.step))) return codeForged()
  const current = timeStep(now)
  if (code.step < current - 1) return codeExpired()
  if (code.step > current + 1) return clockSkew()
  if (code.step <= card.lastAcceptedStep) return codeReplayed()
  return ok({ step: code.step })
}

/**
 * A typed numeric code carries no step: the steps around `now` are tried (the current one, one
 * each side, and a few back so an old code reads as expired), each compared in constant time.
 */
function verifyDigits(
  code: { otp: string },
  card: { cardNo: string; version: number; lastAcceptedStep: number },
  secret: Uint8Array,
  now: Date,
): Result<{ step: number }> {
  const current = timeStep(now)
  for (let step = current + 1; step >= current - DIGITS_LOOKBACK; step--) {
    if (!sameMac(code.otp, otpOf(secret, card.cardNo, card.version, step))) continue
    if (step < current - 1) return codeExpired()
    if (step <= card.lastAcceptedStep) return codeReplayed()
    return ok({ step })
  }
  return codeForged()
}
