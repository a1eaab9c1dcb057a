import { contentCheckUnavailable, contentRisky } from '../../src/domain/shared/common.errors'
import { ok, type Result } from '../../src/domain/shared/result'
import type { Caller } from './caller'
import { PlatformFailure } from './platform-failure'
import type { Deps } from './ports'

/**
 * Passes the member-written fields of a request through the content check before the action runs
 * (docs/security.md): each non-empty text field is checked (together, in parallel); a `risky` one
 * is refused with a field error and nothing is written. When the check cannot answer, the request
 * is refused for now (fail closed), logged; a PlatformFailure goes up to be logged with its fix.
 */
export async function checkUserText(
  deps: Pick<Deps, 'content' | 'logger'>,
  caller: Caller,
  spec: { scene: 'profile' | 'comment'; fields: readonly string[] },
  input: object,
): Promise<Result<void>> {
  const values = input as Record<string, unknown>
  const texts = spec.fields
    .map((field) => [field, values[field]] as const)
    .filter(
      (entry): entry is readonly [string, string] =>
        typeof entry[1] === 'string' && entry[1] !== '',
    )
  try {
    const verdicts = await Promise.all(
      texts.map(([, content]) =>
        deps.content.text({ openid: caller.openid, scene: spec.scene, content }),
      ),
    )
    const risky = texts.filter((_, i) => verdicts[i] === 'risky').map(([field]) => field)
    return risky.length > 0 ? contentRisky(risky) : ok(undefined)
  } catch (error) {
    if (error instanceof PlatformFailure) throw error
    deps.logger.error('content check failed', {
      error: error instanceof Error ? error.message : String(error),
    })
    return contentCheckUnavailable()
  }
}
