import { randomBytes } from 'node:crypto'

/** A fresh per-card secret: 32 random bytes, base64 (sealed before it is stored). */
export const newCardSecret = () => randomBytes(32).toString('base64')

/** The secret as the code scheme takes it. */
export const secretBytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'))
