import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fail, ok } from '../src/domain/shared/result'
import { sessionOpenid } from './dev-session'

/** The largest photo the local host keeps (a phone photo after the mini-program's compression). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024

/** The image types a complaint photo may be, and the extension each is stored under. */
const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const
type ImageType = keyof typeof EXTENSIONS
const TYPE_OF_EXTENSION: Record<string, ImageType> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
}
/** The name a stored upload has: 128 random bits and the extension of its type. */
const STORED_NAME = /^[a-f0-9]{32}\.(jpg|png|webp)$/

/** The type the bytes really are, by their signature, so a renamed file cannot pass as an image. */
function sniffedType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'image/jpeg'
  }
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png'
  }
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp'
  }
  return null
}

const notSignedIn = (reply: FastifyReply) =>
  reply.status(401).send(fail('AUTH.NOT_SIGNED_IN', '请先登录'))
const badPhoto = (reply: FastifyReply, status: number, message: string) =>
  reply.status(status).send(fail('INPUT.INVALID', message, { photo: message }))

/**
 * The local host's stand-in for CloudBase storage (H5 build only): `POST /dev/upload` takes the
 * raw bytes of one JPEG, PNG or WebP photo of at most 2 MB from a signed dev session, keeps it in
 * `dir` and answers `{ok:true, data:'local://<name>'}`; `GET /dev/uploads/<name>` serves it back to
 * a signed dev session. Registered in a scope of its own, so its body parsing and size limit
 * never apply to the functions at /fn.
 */
export function registerDevUploads(app: FastifyInstance, dir: string): void {
  app.register(async (scope) => {
    // Refused before the body is read: a stranger cannot make the host take in 2 MB.
    const requireSession = async (request: FastifyRequest, reply: FastifyReply) => {
      if (!sessionOpenid(request)) return notSignedIn(reply)
    }
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    )
    scope.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
      if (error.statusCode === 413) return badPhoto(reply, 413, '图片不能超过2MB')
      if (error.statusCode && error.statusCode < 500) return badPhoto(reply, 400, '图片上传失败')
      throw error
    })

    scope.post(
      '/dev/upload',
      { bodyLimit: MAX_UPLOAD_BYTES, onRequest: requireSession },
      async (request, reply) => {
        const declared = (request.headers['content-type'] ?? '').split(';')[0]!.trim()
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
        const type = sniffedType(bytes)
        if (!type || type !== declared.toLowerCase()) {
          return badPhoto(reply, 415, '仅支持JPG、PNG或WebP格式的图片')
        }
        const name = `${randomBytes(16).toString('hex')}.${EXTENSIONS[type]}`
        await mkdir(dir, { recursive: true })
        await writeFile(join(dir, name), bytes, { flag: 'wx' })
        return ok(`local://${name}`)
      },
    )

    scope.get<{ Params: { name: string } }>(
      '/dev/uploads/:name',
      { onRequest: requireSession },
      async (request, reply) => {
        const { name } = request.params
        if (!STORED_NAME.test(name)) return reply.status(404).send('图片不存在')
        let bytes: Buffer
        try {
          bytes = await readFile(join(dir, name))
        } catch {
          return reply.status(404).send('图片不存在')
        }
        return reply
          .type(TYPE_OF_EXTENSION[name.slice(name.lastIndexOf('.') + 1)]!)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, max-age=86400')
          .send(bytes)
      },
    )
  })
}
