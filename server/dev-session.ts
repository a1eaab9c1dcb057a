import type { FastifyReply, FastifyRequest } from 'fastify'

export const SESSION_COOKIE = 'club_dev_session'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/** Dev identities exist only for people on this machine: a request from elsewhere never has one. */
export function isLoopback(request: FastifyRequest): boolean {
  return LOOPBACK.has(request.socket.remoteAddress ?? '')
}

/** The openid of the signed dev session, or '' when there is none (or it is forged or remote). */
export function sessionOpenid(request: FastifyRequest): string {
  if (!isLoopback(request)) return ''
  const raw = request.cookies[SESSION_COOKIE]
  if (!raw) return ''
  const unsigned = request.unsignCookie(raw)
  return unsigned.valid && unsigned.value ? unsigned.value : ''
}

export function startSession(reply: FastifyReply, openid: string): void {
  reply.setCookie(SESSION_COOKIE, openid, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
  })
}

export function endSession(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' })
}
