/** The seeded scene behind the local host the fuzz suites talk to, signed in as every role. */
import { startTestHost } from './local-host-client'
import { postRaw, type RawRequest } from './fuzz-envelopes'
import { sqliteTestDeps } from './test-deps'
import { aSeededScene, validPayloads, WHO_MAY, type Who } from './valid-payloads'

/** `FUZZ_SEED` replays a run; `FUZZ_PAYLOADS` sets how many payloads each action gets. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261123) >>> 0
export const PER_ACTION = Math.max(1, Number(process.env.FUZZ_PAYLOADS ?? 40))
export const REPLAY = `FUZZ_SEED=${FUZZ_SEED} FUZZ_PAYLOADS=${PER_ACTION}`
/** Per test: generous, since the full size sends a thousand requests in one. */
export const FUZZ_TIMEOUT = Math.max(30_000, PER_ACTION * 200)

/** Every action of every function, as [function, action]. */
export const EVERY_ACTION = Object.entries(WHO_MAY).flatMap(([fn, table]) =>
  Object.keys(table).map((action) => [fn, action] as const),
)

export async function aFuzzedHost() {
  const t = sqliteTestDeps('2026-05-10T02:00:00.000Z')
  const scene = await aSeededScene(t.deps)
  const payloads = validPayloads(t.deps, scene)
  const host = await startTestHost(t.deps)
  const cookies: Record<Who, string> = {
    anonymous: '',
    guest: await host.signIn('o_fuzz_guest'),
    member: await host.signIn(scene.member.openid),
    clerk: await host.signIn(scene.clerk.openid),
    reviewer: await host.signIn(scene.reviewer.openid),
    admin: await host.signIn(scene.admin.openid),
  }
  return {
    t,
    host,
    cookies,
    payloads,
    /** The cookie of the first caller allowed to call the action: the payload is what is judged. */
    cookieFor: (fn: string, action: string) => cookies[WHO_MAY[fn]![action]![0]!],
    /** A deferred raw POST to the function, for `problemsOf`. */
    send: (fn: string, cookie: string, request: RawRequest) => () =>
      postRaw(host.base, fn, cookie, request),
    async close() {
      await host.close()
      await t.cleanup()
    },
  }
}
