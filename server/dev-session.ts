import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export const SESSION_COOKIE = 'club_dev_session'
/** The sign-in page's half of its form token (double submit): only this host's page can pair them. */
export const LOGIN_COOKIE = 'club_dev_login'
/** A dev session ends 12 hours after sign-in: a working day, after which a copied cookie is dead. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000
const LOGIN_COOKIE_TTL_S = 60 * 60

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/** Dev identities exist only for people on this machine: a request from elsewhere never has one. */
export function isLoopback(request: FastifyRequest): boolean {
  return LOOPBACK.has(request.socket.remoteAddress ?? '')
}

/** The signed value of a session cookie: who, which session, and until when (ms since epoch). */
const SESSION_VALUE = /^(o_[A-Za-z0-9_]{1,60})\.([0-9a-f]{32})\.(\d{13})$/
const LOGIN_NONCE = /^[0-9a-f]{32}$/

type Session = { openid: string; sid: string; expiresAt: number }

/**
 * Signed-out sessions, by id, until they would have expired anyway; kept in `file` (when given)
 * so a cookie replayed after sign-out stays refused after the host restarts.
 */
class RevokedSessions {
  private readonly until = new Map<string, number>()

  constructor(private readonly file: string | undefined) {
    if (!file || !existsSync(file)) return
    let saved: unknown
    try {
      saved = JSON.parse(readFileSync(file, 'utf8'))
    } catch {
      throw new Error(
        `${file} is unreadable: signed-out sessions cannot be told apart. ` +
          'Delete it together with session.secret to sign everybody out.',
      )
    }
    for (const [sid, expiresAt] of Object.entries(saved as Record<string, unknown>)) {
      if (typeof expiresAt === 'number') this.until.set(sid, expiresAt)
    }
  }

  has(sid: string): boolean {
    return this.until.has(sid)
  }

  add(session: Session, now: number): void {
    this.until.set(session.sid, session.expiresAt)
    for (const [sid, expiresAt] of this.until) if (expiresAt <= now) this.until.delete(sid)
    if (!this.file) return
    mkdirSync(dirname(this.file), { recursive: true })
    const next = `${this.file}.${process.pid}.tmp`
    writeFileSync(next, JSON.stringify(Object.fromEntries(this.until)), { mode: 0o600 })
    renameSync(next, this.file)
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The dev sessions of this local host (see `devSessions`), for routes in any scope. */
    devSessions: DevSessions
  }
}

/** The openid of the caller's live dev session on this host, or '' (see `DevSessions.openidOf`). */
export function sessionOpenid(request: FastifyRequest): string {
  return request.server.devSessions.openidOf(request)
}

export type DevSessions = {
  /** The openid of the caller's live dev session, or '' (none, forged, expired, signed out, remote). */
  openidOf(request: FastifyRequest): string
  /** Signs `openid` in: a new session for 12 hours; the browser's previous session is revoked. */
  start(request: FastifyRequest, reply: FastifyReply, openid: string): void
  /** Signs out: revokes the session on the host and clears the cookie. */
  end(request: FastifyRequest, reply: FastifyReply): void
  /** The sign-in form's token for this browser, setting its half in a cookie when it has none. */
  loginToken(request: FastifyRequest, reply: FastifyReply): string
  /** Whether `token` was rendered for this browser's sign-in page. */
  isLoginToken(request: FastifyRequest, token: unknown): boolean
}

/**
 * The local host's dev sessions: a cookie signed with the session secret (by @fastify/cookie)
 * that names the openid, a random session id and the expiry, http-only and same-site strict; a
 * session counts while it is unexpired by `now()` and not signed out.
 */
export function devSessions(options: {
  secret: string
  now: () => Date
  revokedSessionsFile?: string
}): DevSessions {
  const revoked = new RevokedSessions(options.revokedSessionsFile)
  const tokenOf = (nonce: string) =>
    createHmac('sha256', options.secret).update(`dev-login-form\n${nonce}`).digest('base64url')

  /** The session the cookie carries, if its signature holds, whatever its expiry. */
  function signedSession(request: FastifyRequest): Session | null {
    const raw = request.cookies[SESSION_COOKIE]
    if (!raw) return null
    const unsigned = request.unsignCookie(raw)
    const match = unsigned.valid ? SESSION_VALUE.exec(unsigned.value ?? '') : null
    return match ? { openid: match[1]!, sid: match[2]!, expiresAt: Number(match[3]) } : null
  }

  function revoke(request: FastifyRequest): void {
    const session = signedSession(request)
    if (session) revoked.add(session, options.now().getTime())
  }

  return {
    openidOf(request) {
      if (!isLoopback(request)) return ''
      const session = signedSession(request)
      if (!session || session.expiresAt <= options.now().getTime()) return ''
      return revoked.has(session.sid) ? '' : session.openid
    },

    start(request, reply, openid) {
      revoke(request)
      const sid = randomBytes(16).toString('hex')
      const expiresAt = options.now().getTime() + SESSION_TTL_MS
      reply.setCookie(SESSION_COOKIE, `${openid}.${sid}.${expiresAt}`, {
        signed: true,
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      })
    },

    end(request, reply) {
      revoke(request)
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' })
    },

    loginToken(request, reply) {
      const kept = request.cookies[LOGIN_COOKIE]
      const nonce = kept && LOGIN_NONCE.test(kept) ? kept : randomBytes(16).toString('hex')
      reply.setCookie(LOGIN_COOKIE, nonce, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/dev/login',
        maxAge: LOGIN_COOKIE_TTL_S,
      })
      return tokenOf(nonce)
    },

    isLoginToken(request, token) {
      const nonce = request.cookies[LOGIN_COOKIE]
      if (!nonce || !LOGIN_NONCE.test(nonce) || typeof token !== 'string') return false
      const expected = Buffer.from(tokenOf(nonce))
      const given = Buffer.from(token)
      return given.length === expected.length && timingSafeEqual(given, expected)
    },
  }
}

/** Gives `app` its dev sessions, so `sessionOpenid` works in every route and scope. */
export function registerDevSessions(app: FastifyInstance, sessions: DevSessions): void {
  app.decorate('devSessions', sessions)
}
