import type { FastifyInstance, FastifyRequest } from 'fastify'
import { fail } from '../src/domain/shared/result'

/** The names this machine answers to on the port it listens on, whatever else is configured. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]']

/** Methods that only read: every other one changes something and must come from the host's page. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Which Host headers the local host answers: `names` on the port the connection came in on,
 * `authorities` (`name:port`) exactly.
 */
export type HostAllowList = { names: ReadonlySet<string>; authorities: ReadonlySet<string> }

/** The loopback names plus `extra` entries (`name` or `name:port`, as CLUB_ALLOWED_HOSTS gives). */
export function hostAllowList(extra: readonly string[] = []): HostAllowList {
  const names = new Set(LOOPBACK_NAMES)
  const authorities = new Set<string>()
  for (const entry of extra.map((e) => e.toLowerCase())) {
    if (/:\d+$/.test(entry)) authorities.add(entry)
    else names.add(entry)
  }
  return { names, authorities }
}

/** `name[:port]` of a Host header, lower-cased; null when it is not one. */
function authorityOf(host: string): { name: string; port: number } | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase())
  if (!match) return null
  return { name: match[1]!, port: match[2] === undefined ? 80 : Number(match[2]) }
}

/**
 * Whether the Host header names this host: a loopback or configured name on the port the
 * connection arrived at (any port when there is no socket, as under `inject`), or a configured
 * `name:port`. A page on evil.example whose name was rebound to 127.0.0.1 still sends
 * `Host: evil.example`, so DNS rebinding ends here.
 */
export function isAllowedHost(
  host: string | undefined,
  allowList: HostAllowList,
  localPort: number | undefined,
): boolean {
  const authority = host === undefined ? null : authorityOf(host)
  if (!authority) return false
  if (allowList.authorities.has(`${authority.name}:${authority.port}`)) return true
  return (
    allowList.names.has(authority.name) &&
    (typeof localPort !== 'number' || authority.port === localPort)
  )
}

/** The `host` of a URL, or null when it does not parse (`Origin: null` among them). */
function hostOfUrl(url: string): string | null {
  try {
    return new URL(url).host
  } catch {
    return null
  }
}

/**
 * Whether a browser says the request comes from a page other than this host's own: a
 * Sec-Fetch-Site other than `same-origin` (`same-site` is another port of this machine), or an
 * Origin that is not exactly this scheme, name and port. A request carrying neither comes from
 * a program, not from a page (every browser sends one of them on a cross-site POST).
 */
export function isFromAnotherPage(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin') return true
  const origin = request.headers.origin
  if (origin === undefined) return false
  const scheme = /^https?:/.exec(origin)?.[0]
  const own = scheme ? hostOfUrl(`${scheme}//${request.headers.host ?? ''}`) : null
  return own === null || hostOfUrl(origin) !== own
}

/**
 * Guards every request before any route runs: a Host outside `allowList` gets 421 (the DNS
 * rebinding defence), and a state-changing request from another page gets 403 (the CSRF defence
 * that stands beside the JSON-only functions and the sign-in form's token).
 */
export function registerHostGuard(app: FastifyInstance, allowList: HostAllowList): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isAllowedHost(request.headers.host, allowList, request.socket?.localPort)) {
      return reply
        .status(421)
        .send(fail('AUTH.FORBIDDEN', '请通过本机地址（127.0.0.1 或 localhost）访问本地服务'))
    }
    if (!SAFE_METHODS.has(request.method) && isFromAnotherPage(request)) {
      return reply.status(403).send(fail('AUTH.FORBIDDEN', '仅接受本地服务自身页面发出的请求'))
    }
  })
}
