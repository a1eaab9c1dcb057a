import cookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Caller } from '../cloudfunctions/_shared/caller'
import type { FunctionHandler } from '../cloudfunctions/_shared/handler'
import type { Clock, Deps } from '../cloudfunctions/_shared/ports'
import { fail } from '../src/domain/shared/result'
import { DEV_LOGIN_STYLE, devLoginPage } from './dev-login-page'
import type { DemoIdentity } from './demo-identities'
import { devSessions, isLoopback, registerDevSessions } from './dev-session'
import { registerDevUploads } from './dev-uploads'
import { registerDevInbox } from './dev-inbox'
import { hostAllowList, registerHostGuard } from './host-guard'
import { isHeavyCall, type JobPool } from './job-pool'
import { inlineBlocks, pagePolicy, registerSecurityHeaders } from './security-headers'

export type LocalHostOptions = {
  functions: readonly FunctionHandler[]
  deps: Deps
  sessionSecret: string
  identities: readonly DemoIdentity[]
  /** The H5 build to serve at `/`; omitted in tests that only call functions. */
  h5Dir?: string
  /** Where `POST /dev/upload` keeps photos (beside the store); without it there is no upload. */
  uploadsDir?: string
  /** Names (`name` or `name:port`) the Host header may carry besides localhost, 127.0.0.1, [::1]. */
  allowedHosts?: readonly string[]
  /** Where signed-out sessions are kept across restarts; without it, in memory only. */
  revokedSessionsFile?: string
  /**
   * The clock dev sessions expire by: the real one where the functions run on a moved demo clock,
   * so moving the clock signs nobody out. Without it, `deps.clock`.
   */
  sessionClock?: Clock
  /**
   * Where heavy calls run (the jobs, reports over every member): the host's job thread, so that
   * the requests of the counter never wait behind them. Without it, every call runs here.
   */
  jobs?: JobPool
  logger?: boolean
}

/** CloudBase refuses requests over 100 KB of text (PLATFORM §2); so does the local host. */
const BODY_LIMIT = 100 * 1024

/**
 * The local host: every cloud function at POST /fn/<name> with the body CloudBase would get
 * (`{action, payload, requestId}`), the caller taken from a signed dev session that only loopback
 * clients can hold, the H5 build at `/`, and the dev sign-in page at `/dev/login`. Only requests
 * addressed to this machine's names are answered, state changes only from its own pages, and
 * every answer carries the security headers.
 */
export function buildLocalHost(options: LocalHostOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT })
  const byName = new Map(options.functions.map((f) => [f.name, f]))
  const sessions = devSessions({
    secret: options.sessionSecret,
    now: () => (options.sessionClock ?? options.deps.clock).now(),
    revokedSessionsFile: options.revokedSessionsFile,
  })

  registerHostGuard(app, hostAllowList(options.allowedHosts))
  registerSecurityHeaders(app)
  registerDevSessions(app, sessions)
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
    const caller: Caller = { openid: sessions.openidOf(request), unionid: null }
    if (options.jobs && isHeavyCall(fn.name, request.body)) {
      return options.jobs.handle(fn.name, request.body, caller)
    }
    return fn.handle(request.body, caller, options.deps)
  })

  // Browsers ask every page of the host for an icon; the club has none, and says so without a 404.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send())

  app.get('/dev/login', async (request, reply) => {
    if (!isLoopback(request)) return reply.status(403).send('仅限本机使用')
    const page = devLoginPage(
      options.identities,
      sessions.openidOf(request),
      sessions.loginToken(request, reply),
    )
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', pagePolicy({ styles: [DEV_LOGIN_STYLE] }))
      .send(page)
  })

  app.post<{ Body: { openid?: string; fresh?: string; token?: string } }>(
    '/dev/login',
    async (request, reply) => {
      if (!isLoopback(request)) return reply.status(403).send('仅限本机使用')
      const body = request.body ?? {}
      // Login CSRF: only a form this host rendered for this browser carries the right token.
      if (!sessions.isLoginToken(request, body.token)) {
        return reply
          .status(403)
          .type('text/plain; charset=utf-8')
          .send('登录页已失效，请刷新登录页后重新选择身份')
      }
      const openid =
        body.fresh === '1' ? `o_dev_${randomBytes(6).toString('hex')}` : (body.openid ?? '')
      if (!/^o_[A-Za-z0-9_]{1,60}$/.test(openid)) return reply.status(400).send('身份无效')
      sessions.start(request, reply, openid)
      return reply.redirect('/')
    },
  )

  app.get('/dev/session', async (request) => {
    const openid = sessions.openidOf(request)
    const known = options.identities.find((i) => i.openid === openid)
    return { openid, label: known?.label ?? (openid ? '新微信用户' : '') }
  })

  app.post('/dev/logout', async (request, reply) => {
    sessions.end(request, reply)
    return reply.redirect('/dev/login')
  })

  if (options.uploadsDir) registerDevUploads(app, options.uploadsDir, options.deps)
  registerDevInbox(app, options.deps)

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/fn/')) {
      return reply.status(404).send(fail('SYS.UNKNOWN_FUNCTION', '未知的云函数'))
    }
    return reply.status(404).type('text/plain; charset=utf-8').send('页面不存在')
  })

  const h5Dir = options.h5Dir
  if (h5Dir && existsSync(h5Dir)) {
    // The app's page is served here, not by the static files, so its policy can allow exactly
    // the build's own inline script (Taro's root font sizing) by hash; read on every request, so
    // a rebuild (`npm run dev:h5`) is picked up.
    const appPage = async (_request: unknown, reply: FastifyReply) => {
      let page: string
      try {
        page = readFileSync(join(h5Dir, 'index.html'), 'utf8')
      } catch {
        return reply.status(404).type('text/plain; charset=utf-8').send('页面不存在')
      }
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header(
          'content-security-policy',
          pagePolicy({ scripts: inlineBlocks(page).scripts, styles: 'runtime' }),
        )
        .send(page)
    }
    app.get('/', appPage)
    app.get('/index.html', appPage)
    app.register(fastifyStatic, { root: h5Dir, index: false })
  }
  return app
}
