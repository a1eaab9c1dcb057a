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
import { anActiveMember } from '../support/registration-flow'
import { addStaff, newRequestId, sqliteTestDeps } from '../support/test-deps'

const SECRET = 'uploads-attack-secret-uploads-attack-secret'

/** A real PNG signature and some bytes: what an honest photo upload starts with. */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(60, 2),
])
const jpegOf = (size: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 9)])
const HTML = Buffer.from('<!doctype html><script>fetch("/fn/member")</script>')

/**
 * The attacks on complaint photos (投诉图片) through the real local host: another member's photo
 * read or reused by its id, uploads without end, and a page uploaded as an image. Each photo belongs
 * to who uploaded it; only they, and reviewers once it is part of a complaint, ever see it.
 */
describe('complaint photos on the local host', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  let uploads: string
  let app: FastifyInstance

  beforeEach(async () => {
    t = sqliteTestDeps('2026-05-10T02:00:00.000Z')
    uploads = join(mkdtempSync(join(tmpdir(), 'club-uploads-attack-')), 'uploads')
    app = buildLocalHost({
      functions: FUNCTIONS,
      deps: t.deps,
      sessionSecret: SECRET,
      identities: DEMO_IDENTITIES,
      uploadsDir: uploads,
    })
    await app.ready()
  })
  afterEach(async () => {
    await app.close()
    await t.cleanup()
    rmSync(join(uploads, '..'), { recursive: true, force: true })
  })

  /** Signs `openid` in through the dev sign-in page, as the developer's browser does. */
  async function signedIn(openid: string): Promise<string> {
    const res = await postSignInForm(app, `openid=${openid}`)
    const set = res.cookies.find((c) => c.name === SESSION_COOKIE && c.value !== '')
    if (!set) throw new Error(`sign-in failed: ${res.statusCode}`)
    return `${SESSION_COOKIE}=${set.value}`
  }

  /** Two active members and a reviewer, each signed in. */
  async function aScene() {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const a = await anActiveMember(t.deps, reviewer)
    const b = await anActiveMember(t.deps, reviewer)
    return {
      memberA: await signedIn(a.openid),
      memberB: await signedIn(b.openid),
      reviewer: await signedIn(reviewer.openid),
    }
  }

  const upload = (cookie: string, body: Buffer, type: string) =>
    app.inject({
      method: 'POST',
      url: '/dev/upload',
      payload: body,
      headers: { 'content-type': type, cookie },
    })
  async function uploaded(cookie: string, body = PNG, type = 'image/png'): Promise<string> {
    const res = await upload(cookie, body, type)
    if (res.statusCode !== 200) throw new Error(`upload refused: ${res.body}`)
    return (res.json() as { data: string }).data
  }
  const view = (cookie: string, photoId: string) =>
    app.inject({
      method: 'GET',
      url: `/dev/uploads/${photoId.slice('local://'.length)}`,
      headers: { cookie },
    })
  const fileComplaint = async (cookie: string, photos: string[]) =>
    (
      await app.inject({
        method: 'POST',
        url: '/fn/member',
        headers: { 'content-type': 'application/json', cookie },
        payload: {
          action: 'fileComplaint',
          payload: { category: 'service', text: '收银员态度冷淡，见图片', photos },
          requestId: newRequestId(),
        },
      })
    ).json() as { ok: boolean; data?: { id: string }; error?: { fields?: Record<string, string> } }
  const stored = () => {
    try {
      return readdirSync(uploads).sort()
    } catch {
      return []
    }
  }

  describe('reading a photo by its id', () => {
    it("answers member B 404 for member A's photo, exactly as for a photo that does not exist", async () => {
      const { memberA, memberB } = await aScene()
      const photo = await uploaded(memberA)

      const byB = await view(memberB, photo)
      const missing = await view(memberB, 'local://0123456789abcdef0123456789abcdef.png')

      expect(byB.statusCode).toBe(404)
      expect(byB.body).toBe(missing.body)
      expect(byB.headers['content-type']).toBe(missing.headers['content-type'])
    })

    it("answers 404 to member B even once A's photo is part of A's complaint", async () => {
      const { memberA, memberB } = await aScene()
      const photo = await uploaded(memberA)
      expect(await fileComplaint(memberA, [photo])).toMatchObject({ ok: true })

      const byB = await view(memberB, photo)

      expect(byB.statusCode).toBe(404)
    })

    it('shows a reviewer a photo only once it is part of a complaint, and always shows it to its uploader', async () => {
      const { memberA, reviewer } = await aScene()
      const photo = await uploaded(memberA)

      const beforeFiling = await view(reviewer, photo)
      expect(await fileComplaint(memberA, [photo])).toMatchObject({ ok: true })
      const afterFiling = await view(reviewer, photo)
      const byOwner = await view(memberA, photo)

      expect(beforeFiling.statusCode).toBe(404)
      expect(afterFiling.statusCode).toBe(200)
      expect(byOwner.statusCode).toBe(200)
      expect(afterFiling.rawPayload.equals(PNG)).toBe(true)
    })
  })

  describe('uploading without end', () => {
    it('refuses the 21st photo of a member within 24 hours in Chinese, storing nothing', async () => {
      const { memberA } = await aScene()
      for (let i = 0; i < 20; i++) await uploaded(memberA)
      const files = stored()
      const before = t.snapshot()

      const res = await upload(memberA, PNG, 'image/png')

      expect(res.statusCode).toBe(429)
      expect(res.json()).toMatchObject({
        ok: false,
        error: {
          code: 'COMPLAINT.PHOTO_QUOTA_EXCEEDED',
          fields: { photo: /24小时内最多上传20张图片/ },
        },
      })
      expect(stored()).toEqual(files)
      expect(t.snapshot()).toEqual(before)
    })

    it('refuses a photo that would take a member past 20 MB within 24 hours, storing nothing', async () => {
      const { memberA } = await aScene()
      for (let i = 0; i < 10; i++) await uploaded(memberA, jpegOf(MAX_UPLOAD_BYTES), 'image/jpeg')
      const files = stored()
      const before = t.snapshot()

      const res = await upload(memberA, PNG, 'image/png')

      expect(res.statusCode).toBe(429)
      expect(res.json()).toMatchObject({
        ok: false,
        error: { code: 'COMPLAINT.PHOTO_QUOTA_EXCEEDED', fields: { photo: /20MB/ } },
      })
      expect(stored()).toEqual(files)
      expect(t.snapshot()).toEqual(before)
    })

    it('counts each member on their own: A at the limit does not hold B back', async () => {
      const { memberA, memberB } = await aScene()
      for (let i = 0; i < 20; i++) await uploaded(memberA)

      const res = await upload(memberB, PNG, 'image/png')

      expect(res.statusCode).toBe(200)
    })

    it('takes no upload from a signed-in person who is not a member, storing nothing', async () => {
      const stranger = await signedIn('o_dev_nobody_at_all')
      const before = t.snapshot()

      const res = await upload(stranger, PNG, 'image/png')

      expect(res.statusCode).toBe(403)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_A_MEMBER' } })
      expect(stored()).toEqual([])
      expect(t.snapshot()).toEqual(before)
    })
  })

  describe("filing a complaint with photos that are not the caller's", () => {
    it("refuses member B's complaint naming A's photo with a Chinese field error, storing nothing", async () => {
      const { memberA, memberB } = await aScene()
      const photo = await uploaded(memberA)
      const before = t.snapshot()

      const envelope = await fileComplaint(memberB, [photo])

      expect(envelope).toMatchObject({
        ok: false,
        error: { code: 'INPUT.INVALID', fields: { photos: '图片无效，请重新上传' } },
      })
      expect(t.snapshot()).toEqual(before)
    })

    it.each([
      ['a local photo id nobody uploaded', 'local://0123456789abcdef0123456789abcdef.png'],
      [
        'a CloudBase fileID, on a host that has no CloudBase storage',
        'cloud://env-1.abc/complaints/x.jpg',
      ],
    ])('refuses %s, storing nothing', async (_case, photo) => {
      const { memberA } = await aScene()
      const before = t.snapshot()

      const envelope = await fileComplaint(memberA, [photo])

      expect(envelope).toMatchObject({
        ok: false,
        error: { fields: { photos: expect.any(String) } },
      })
      expect(t.snapshot()).toEqual(before)
    })

    it('refuses a photo already part of another complaint, even its own uploader’s', async () => {
      const { memberA } = await aScene()
      const photo = await uploaded(memberA)
      expect(await fileComplaint(memberA, [photo])).toMatchObject({ ok: true })
      const before = t.snapshot()

      const again = await fileComplaint(memberA, [photo])

      expect(again).toMatchObject({
        ok: false,
        error: { code: 'INPUT.INVALID', fields: { photos: '图片已用于其他投诉，请重新上传' } },
      })
      expect(t.snapshot()).toEqual(before)
    })
  })

  describe('a page uploaded as an image', () => {
    it.each([
      ['HTML declared as a PNG', HTML, 'image/png'],
      ['HTML declared as a JPEG', HTML, 'image/jpeg'],
      ['HTML declared as HTML', HTML, 'text/html'],
    ])('refuses %s by its bytes with 415, storing nothing', async (_case, body, type) => {
      const { memberA } = await aScene()
      const before = t.snapshot()

      const res = await upload(memberA, body, type)

      expect(res.statusCode).toBe(415)
      expect(stored()).toEqual([])
      expect(t.snapshot()).toEqual(before)
    })

    it('serves a photo as the image type its bytes are, never sniffed, shown inline', async () => {
      const { memberA } = await aScene()
      const photo = await uploaded(memberA)

      const res = await view(memberA, photo)

      expect(res.headers['content-type']).toBe('image/png')
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['content-disposition']).toBe('inline')
    })
  })
})
