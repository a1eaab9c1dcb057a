import cookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance } from 'fastify'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import type { Caller } from '../cloudfunctions/_shared/caller'
import type { FunctionHandler } from '../cloudfunctions/_shared/handler'
import type { Deps } from '../cloudfunctions/_shared/ports'
import { fail } from '../src/domain/shared/result'
import { devLoginPage } from './dev-login-page'
import type { DemoIdentity } from './demo-identities'
import { endSession, isLoopback, sessionOpenid, startSession } from './dev-session'
import { registerDevUploads } from './dev-uploads'
import { registerDevInbox } from './dev-inbox'

export type LocalHostOptions = {
  functions: readonly FunctionHandler[]
  deps: Deps
  sessionSecret: string
  identities: readonly DemoIdentity[]
  /** The H5 build to serve at `/`; omitted in tests that only call functions. */
  h5Dir?: string
  /** Where `POST /dev/upload` keeps photos (beside the store); without it there is no upload. */
  uploadsDir?: string
  logger?: boolean
}

/** CloudBase refuses requests over 100 KB of text (PLATFORM §2); so does the local host. */
const BODY_LIMIT = 100 * 1024

/**
 * The local host: every cloud function at POST /fn/<name> with the body CloudBase would get
 * (`{action, payload, requestId}`), the caller taken from a signed dev session that only loopback
 * clients can hold, the H5 build at `/`, and the dev sign-in page at `/dev/login`.
 */
export function buildLocalHost(options: LocalHostOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT })
  const byName = new Map(options.functions.map((f) => [f.name, f]))

  app.register(cookie, { secret: options.sessionSecret })
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  )
  app.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) options.deps.logger.error('local host error', { error: String(error) })
    const envelope =
      status === 413
        ? fail('INPUT.INVALID', '请求内容过大', { _: '请求内容过大' })
        : status < 500
          ? fail('INPUT.INVALID', '请求格式不正确', { _: '请求必须是 JSON' })
          : fail('SYS.INTERNAL', '系统繁忙，请稍后再试')
    reply.status(status).send(envelope)
  })

  app.post<{ Params: { name: string } }>('/fn/:name', async (request, reply) => {
    const fn = byName.get(request.params.name)
    if (!fn) return reply.status(404).send(fail('SYS.UNKNOWN_FUNCTION', '未知的云函数'))
    // JSON only: a form post (the only kind a page elsewhere can send without CORS) never
    // reaches a function, so another local page cannot act for the signed-in person.
    if (!request.headers['content-type']?.startsWith('application/json')) {
      return reply
        .status(415)
        .send(fail('INPUT.INVALID', '请求格式不正确', { _: '请求必须是 JSON' }))
    }
    const caller: Caller = { openid: sessionOpenid(request), unionid: null }
    return fn.handle(request.body, caller, options.deps)
  })

  app.get('/dev/login', async (request, reply) => {
    if (!isLoopback(request)) return reply.status(403).send('仅限本机使用')
    return reply
      .type('text/html; charset=utf-8')
      .send(devLoginPage(options.identities, sessionOpenid(request)))
  })

  app.post<{ Body: { openid?: string; fresh?: string } }>('/dev/login', async (request, reply) => {
    if (!isLoopback(request)) return reply.status(403).send('仅限本机使用')
    const body = request.body ?? {}
    const openid =
      body.fresh === '1' ? `o_dev_${randomBytes(6).toString('hex')}` : (body.openid ?? '')
    if (!/^o_[A-Za-z0-9_]{1,60}$/.test(openid)) return reply.status(400).send('身份无效')
    startSession(reply, openid)
    return reply.redirect('/')
  })

  app.get('/dev/session', async (request) => {
    const openid = sessionOpenid(request)
    const known = options.identities.find((i) => i.openid === openid)
    return { openid, label: known?.label ?? (openid ? '新微信用户' : '') }
  })

  app.post('/dev/logout', async (_request, reply) => {
    endSession(reply)
    return reply.redirect('/dev/login')
  })

  if (options.uploadsDir) registerDevUploads(app, options.uploadsDir)
  registerDevInbox(app, options.deps)

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/fn/')) {
      return reply.status(404).send(fail('SYS.UNKNOWN_FUNCTION', '未知的云函数'))
    }
    return reply.status(404).type('text/plain; charset=utf-8').send('页面不存在')
  })

  if (options.h5Dir && existsSync(options.h5Dir)) {
    app.register(fastifyStatic, { root: options.h5Dir, index: 'index.html' })
  }
  return app
}
