import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Caller } from '../cloudfunctions/_shared/caller'
import type { Deps } from '../cloudfunctions/_shared/ports'
import { photoToShow, recordPhotoUpload } from '../cloudfunctions/_shared/use-cases/photo-uploads'
import { fail, ok, type Failure } from '../src/domain/shared/result'
import { sessionOpenid } from './dev-session'

/** The largest photo the local host keeps (a phone photo after the mini-program's compression). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024

/** The image types a complaint photo may be, and the extension each is stored under. */
const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const
type ImageType = keyof typeof EXTENSIONS
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
/** One answer for a photo that is not there and for one the caller may not see: no existence leaks. */
const noSuchPhoto = (reply: FastifyReply) =>
  reply.status(404).type('text/plain; charset=utf-8').send('图片不存在')

/** The HTTP status of a refused upload: too many is 429, not a member (or a closed account) 403. */
function refusalStatus(failure: Failure): number {
  const code = failure.error.code
  if (code === 'COMPLAINT.PHOTO_QUOTA_EXCEEDED') return 429
  if (code === 'AUTH.NOT_SIGNED_IN') return 401
  if (code === 'SYS.CONFLICT') return 409
  return 403
}

const callerOf = (request: FastifyRequest): Caller => ({
  openid: sessionOpenid(request),
  unionid: null,
})

/**
 * The local host's stand-in for CloudBase storage (H5 build only). `POST /dev/upload` takes the raw
 * bytes of one photo of at most 2 MB from a signed dev session of a member; the bytes themselves
 * must be a JPEG, PNG or WebP (by their signature, and the declared type must agree). The photo is
 * recorded as the caller's through the use case, within their quota, then kept in `dir`; the answer
 * is `{ok:true, data:'local://<name>'}`. `GET /dev/uploads/<name>` serves a photo only to whom the
 * use case shows it (its uploader; reviewers once a complaint holds it), as the image type its
 * bytes are, never sniffed, inline; everyone else gets the 404 of a missing photo. Registered in a
 * scope of its own, so its body parsing and size limit never apply to the functions at /fn.
 */
export function registerDevUploads(app: FastifyInstance, dir: string, deps: Deps): void {
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
        const file = join(dir, name)
        // The file first, the record second: a refused upload leaves neither, a failed write no
        // record that counts against the member.
        await mkdir(dir, { recursive: true })
        await writeFile(file, bytes, { flag: 'wx' })
        const recorded = await recordPhotoUpload(deps, callerOf(request), {
          photoId: `local://${name}`,
          bytes: bytes.length,
        }).catch(async (error: unknown) => {
          await rm(file, { force: true })
          throw error
        })
        if (!recorded.ok) {
          await rm(file, { force: true })
          return reply.status(refusalStatus(recorded)).send(recorded)
        }
        for (const old of recorded.data.forgotten) {
          if (old.startsWith('local://')) {
            const oldName = old.slice('local://'.length)
            if (STORED_NAME.test(oldName)) await rm(join(dir, oldName), { force: true })
          }
        }
        return ok(recorded.data.photoId)
      },
    )

    scope.get<{ Params: { name: string } }>(
      '/dev/uploads/:name',
      { onRequest: requireSession },
      async (request, reply) => {
        const { name } = request.params
        if (!STORED_NAME.test(name)) return noSuchPhoto(reply)
        const shown = await photoToShow(deps, callerOf(request), `local://${name}`)
        if (!shown.ok) return noSuchPhoto(reply)
        let bytes: Buffer
        try {
          bytes = await readFile(join(dir, name))
        } catch {
          return noSuchPhoto(reply)
        }
        // The type the bytes are, as at upload; never the name, never the browser's guess.
        const type = sniffedType(bytes)
        if (!type) return noSuchPhoto(reply)
        return reply
          .type(type)
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'inline')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, no-store')
          .send(bytes)
      },
    )
  })
}
