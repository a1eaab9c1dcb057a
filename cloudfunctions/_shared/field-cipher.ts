import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import type { FieldCipher, Sealed } from './ports'

const FORMAT = 'v1'

/**
 * AES-256-GCM for personal fields at rest (SPEC §9), with an HMAC-SHA256 blind index so that
 * uniqueness of mobile and licence can be enforced without storing them in clear.
 * `masterKey` is 32 bytes; the encryption and index keys are derived from it with HKDF.
 */
export function createFieldCipher(masterKey: Buffer): FieldCipher {
  if (masterKey.length !== 32) throw new Error('CLUB_DATA_KEY must be 32 bytes (base64)')
  const encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'club/enc', 32))
  const indexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'club/index', 32))

  const blindIndex = (kind: string, value: string) =>
    createHmac('sha256', indexKey).update(`${kind}:${value}`).digest('base64url')

  return {
    blindIndex,
    seal(kind, value): Sealed {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', encKey, iv)
      const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()])
      const tag = cipher.getAuthTag()
      const enc = [FORMAT, iv, tag, body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.')
      return { enc, hash: blindIndex(kind, value) }
    },
    open(sealed): string {
      const [format, iv, tag, body] = sealed.enc.split('.')
      if (format !== FORMAT || !iv || !tag || body === undefined)
        throw new Error('unknown sealed format')
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8')
    },
  }
}

/** Reads the 32-byte master key from base64 text (env `CLUB_DATA_KEY`). */
export function parseMasterKey(base64: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64')
  if (key.length !== 32) throw new Error('CLUB_DATA_KEY must decode to 32 bytes')
  return key
}
