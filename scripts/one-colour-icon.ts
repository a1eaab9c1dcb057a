import { deflateSync, inflateSync } from 'node:zlib'

/**
 * Re-encodes a one-colour icon, an 8-bit RGBA PNG as Chromium's screenshots are, as an indexed PNG
 * of at most 17 entries: every visible pixel takes the icon's colour (the anti-aliased edge of a
 * screenshot also carries rounding noise in its colour) and its alpha is rounded to a multiple of
 * 17 (16 levels, an edge error under 4 %, not visible at tab-bar size). About half the bytes: the
 * tab bar's icons sit in the mini-program's main package (PLATFORM §3). Any other PNG, or a
 * result that would not be smaller, comes back as it is.
 */
export function oneColourIcon(png: Buffer): Buffer {
  const image = decodeRgba(png)
  if (!image) return png
  const { width, height, rgba } = image
  const colour = opaqueColour(rgba)
  if (colour === null) return png
  const levels = [0]
  const pixels = Buffer.alloc(width * height)
  for (let i = 0; i < width * height; i++) {
    const alpha = Math.round(rgba[i * 4 + 3]! / 17) * 17
    let index = levels.indexOf(alpha)
    if (index < 0) index = levels.push(alpha) - 1
    pixels[i] = index
  }
  const [r, g, b] = [colour >>> 16, (colour >>> 8) & 255, colour & 255]
  const palette = Buffer.from(levels.flatMap((alpha) => (alpha ? [r, g, b] : [0, 0, 0])))
  const rows = Buffer.alloc(height * (width + 1))
  for (let y = 0; y < height; y++)
    pixels.copy(rows, y * (width + 1) + 1, y * width, (y + 1) * width)
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 3, 0, 0, 0], 8) // 8-bit indices, colour type 3 (palette), no interlace
  const indexed = Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', palette),
    chunk('tRNS', Buffer.from(levels)),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
  return indexed.length < png.length ? indexed : png
}

/**
 * The RGB most of the icon's opaque pixels have, or null when there are none or when some other
 * opaque pixel differs by more than rounding noise (then it is not a one-colour icon).
 */
function opaqueColour(rgba: Buffer): number | null {
  const counts = new Map<number, number>()
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] !== 255) continue
    const rgb = rgba.readUInt32BE(i) >>> 8
    counts.set(rgb, (counts.get(rgb) ?? 0) + 1)
  }
  const [colour] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? []
  if (colour === undefined) return null
  const channels = (c: number) => [c >>> 16, (c >>> 8) & 255, c & 255]
  const near = (c: number) => channels(c).every((v, k) => Math.abs(v - channels(colour)[k]!) <= 8)
  return [...counts.keys()].every(near) ? colour : null
}

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])

/** The pixels of a non-interlaced 8-bit RGBA PNG, or null for any other kind. */
function decodeRgba(png: Buffer): { width: number; height: number; rgba: Buffer } | null {
  if (!png.subarray(0, 8).equals(SIGNATURE)) return null
  let width = 0
  let height = 0
  const data: Buffer[] = []
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at)
    const type = png.toString('latin1', at + 4, at + 8)
    const body = png.subarray(at + 8, at + 8 + length)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
      const [depth, colourType, , , interlace] = body.subarray(8)
      if (depth !== 8 || colourType !== 6 || interlace !== 0) return null
    }
    if (type === 'IDAT') data.push(body)
    at += 12 + length
  }
  return { width, height, rgba: unfiltered(inflateSync(Buffer.concat(data)), width, height) }
}

/** Undoes PNG's per-row filters (None, Sub, Up, Average, Paeth) for 4 bytes per pixel. */
function unfiltered(raw: Buffer, width: number, height: number): Buffer {
  const stride = width * 4
  const out = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!
      const left = x >= 4 ? out[y * stride + x - 4]! : 0
      const up = y > 0 ? out[(y - 1) * stride + x]! : 0
      const upLeft = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0
      const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter!]
      if (predicted === undefined) throw new Error(`unknown PNG filter ${filter}`)
      out[y * stride + x] = (value + predicted) & 255
    }
  }
  return out
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(body.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0)
  return Buffer.concat([head, body, crc])
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 255]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
