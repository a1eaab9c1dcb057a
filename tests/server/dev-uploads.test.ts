import { postSignInForm } from '../support/local-host-client'
import type { FastifyInstance } from 'fastify'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildLocalHost } from '../../server/app'
import { DEMO_IDENTITIES } from '../../server/demo-identities'
import { SESSION_COOKIE } from '../../server/dev-session'
import { MAX_UPLOAD_BYTES } from '../../server/dev-uploads'
import { FUNCTIONS } from '../../server/functions'
import { approved, registered } from '../support/registration-flow'
import { addStaff, sqliteTestDeps } from '../support/test-deps'

const SECRET = 'dev-uploads-test-secret-dev-uploads-test-secret'
const REMOTE = '10.1.2.3'
const MEMBER = 'o_demo_member'

/** Bytes that start like a real file of each type (the host checks the signature, not the name). */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)])
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(60, 2),
])
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x40, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(60, 3),
])
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(60, 4)])
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')

const jpegOf = (size: number) => Buffer.concat([JPEG, Buffer.alloc(size - JPEG.length, 9)])

describe('the local host photo upload', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  let uploads: string
  let app: FastifyInstance
  let cookie: string

  beforeAll(async () => {
    t = sqliteTestDeps()
    uploads = join(mkdtempSync(join(tmpdir(), 'club-uploads-')), 'uploads')
    app = buildLocalHost({
      functions: FUNCTIONS,
      deps: t.deps,
      sessionSecret: SECRET,
      identities: DEMO_IDENTITIES,
      uploadsDir: uploads,
    })
    await app.ready()
    // Photos are a member's: o_demo_member is an approved retailer here, as in the demo data.
    await approved(t.deps, await addStaff(t.deps, 'reviewer'), await registered(t.deps, MEMBER))
    const res = await postSignInForm(app, `openid=${MEMBER}`)
    const set = res.cookies.find((c) => c.name === SESSION_COOKIE && c.value !== '')!
    cookie = `${SESSION_COOKIE}=${set.value}`
  })
  afterAll(async () => {
    await app.close()
    await t.cleanup()
    rmSync(join(uploads, '..'), { recursive: true, force: true })
  })

  const stored = () => {
    try {
      return readdirSync(uploads).sort()
    } catch {
      return []
    }
  }

  function upload(
    body: Buffer | string,
    type: string | null,
    options: { cookie?: string; remoteAddress?: string } = { cookie: undefined },
  ) {
    return app.inject({
      method: 'POST',
      url: '/dev/upload',
      payload: body,
      headers: {
        ...(type ? { 'content-type': type } : {}),
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    })
  }

  describe('POST /dev/upload', () => {
    it.each([
      ['a JPEG', JPEG, 'image/jpeg', 'jpg'],
      ['a PNG', PNG, 'image/png', 'png'],
      ['a WebP', WEBP, 'image/webp', 'webp'],
    ])(
      'keeps %s from a signed-in caller and answers its local:// id',
      async (_case, bytes, type, ext) => {
        const res = await upload(bytes, type, { cookie })

        expect(res.statusCode).toBe(200)
        const envelope = res.json() as { ok: true; data: string }
        expect(envelope).toEqual({
          ok: true,
          data: expect.stringMatching(new RegExp(`^local://[a-f0-9]{32}\\.${ext}$`)),
        })
        expect(stored()).toContain(envelope.data.slice('local://'.length))
      },
    )

    it('gives every upload a new id, even of the same bytes', async () => {
      const first = (await upload(JPEG, 'image/jpeg', { cookie })).json()
      const second = (await upload(JPEG, 'image/jpeg', { cookie })).json()

      expect(first.data).not.toBe(second.data)
    })

    it('takes a photo of exactly 2 MB', async () => {
      const res = await upload(jpegOf(MAX_UPLOAD_BYTES), 'image/jpeg', { cookie })

      expect(res.json()).toMatchObject({ ok: true })
    })

    it('refuses a photo over 2 MB with 413 and a Chinese message, keeping nothing', async () => {
      const before = stored()

      const res = await upload(jpegOf(MAX_UPLOAD_BYTES + 1), 'image/jpeg', { cookie })

      expect(res.statusCode).toBe(413)
      expect(res.json()).toEqual({
        ok: false,
        error: {
          code: 'INPUT.INVALID',
          message: '图片不能超过2MB',
          fields: { photo: '图片不能超过2MB' },
        },
      })
      expect(stored()).toEqual(before)
    })

    it.each([
      ['a GIF', GIF, 'image/gif'],
      ['an SVG', SVG, 'image/svg+xml'],
      ['an SVG declared as a PNG', SVG, 'image/png'],
      ['a JPEG declared as a PNG', JPEG, 'image/png'],
      ['plain text', 'hello', 'text/plain'],
      ['JSON', '{"action":"me"}', 'application/json'],
      ['a JPEG without a content type', JPEG, null],
      ['an empty body', Buffer.alloc(0), 'image/jpeg'],
    ])('refuses %s with 415 and a Chinese message, keeping nothing', async (_case, body, type) => {
      const before = stored()

      const res = await upload(body, type, { cookie })

      expect(res.statusCode).toBe(415)
      expect(res.json()).toMatchObject({
        ok: false,
        error: { code: 'INPUT.INVALID', fields: { photo: '仅支持JPG、PNG或WebP格式的图片' } },
      })
      expect(stored()).toEqual(before)
    })

    it('refuses a caller without a dev session, keeping nothing', async () => {
      const before = stored()

      const res = await upload(JPEG, 'image/jpeg')

      expect(res.statusCode).toBe(401)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
      expect(stored()).toEqual(before)
    })

    it('refuses a forged session cookie and a client that is not on this machine', async () => {
      const forged = cookie.replace('o_demo_member', 'o_demo_admin')

      const withForged = await upload(JPEG, 'image/jpeg', { cookie: forged })
      const remote = await upload(JPEG, 'image/jpeg', { cookie, remoteAddress: REMOTE })

      expect(withForged.statusCode).toBe(401)
      expect(remote.statusCode).toBe(401)
    })

    it('leaves the functions at /fn to JSON of at most 100 KB', async () => {
      const asImage = await app.inject({
        method: 'POST',
        url: '/fn/member',
        payload: JPEG,
        headers: { 'content-type': 'image/jpeg', cookie },
      })
      const big = await app.inject({
        method: 'POST',
        url: '/fn/member',
        payload: { action: 'me', padding: 'x'.repeat(200 * 1024) },
        headers: { cookie },
      })

      expect(asImage.statusCode).toBe(415)
      expect(big.statusCode).toBe(413)
    })
  })

  describe('GET /dev/uploads/<name>', () => {
    it('serves an upload back to a signed-in caller with its type, never sniffed', async () => {
      const id = (await upload(PNG, 'image/png', { cookie })).json().data as string

      const res = await app.inject({
        method: 'GET',
        url: `/dev/uploads/${id.slice('local://'.length)}`,
        headers: { cookie },
      })

      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('image/png')
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.rawPayload.equals(PNG)).toBe(true)
    })

    it('refuses a caller without a dev session', async () => {
      const id = (await upload(JPEG, 'image/jpeg', { cookie })).json().data as string

      const res = await app.inject({
        method: 'GET',
        url: `/dev/uploads/${id.slice('local://'.length)}`,
      })

      expect(res.statusCode).toBe(401)
    })

    it.each([
      '0123456789abcdef0123456789abcdef.jpg',
      '..%2F..%2Fclub.db',
      '..%2Fsession.secret',
      'ABCDEF0123456789ABCDEF0123456789.jpg',
      '0123456789abcdef0123456789abcdef.svg',
    ])('answers 404 for %s, which is not a stored upload', async (name) => {
      const res = await app.inject({
        method: 'GET',
        url: `/dev/uploads/${name}`,
        headers: { cookie },
      })

      expect(res.statusCode).toBe(404)
    })
  })

  it('has no upload route when the host is given no uploads folder', async () => {
    const bare = buildLocalHost({
      functions: FUNCTIONS,
      deps: t.deps,
      sessionSecret: SECRET,
      identities: DEMO_IDENTITIES,
    })

    const res = await bare.inject({
      method: 'POST',
      url: '/dev/upload',
      payload: JPEG,
      headers: { 'content-type': 'image/jpeg', cookie },
    })
    await bare.close()

    expect(res.statusCode).toBe(404)
  })
})
