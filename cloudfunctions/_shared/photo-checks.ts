import {
  attachPhotos,
  type PhotoCheckStart,
  type PhotoUpload,
} from '../../src/domain/care/photo-upload'
import { contentCheckUnavailable } from '../../src/domain/shared/common.errors'
import { ok, type Result } from '../../src/domain/shared/result'
import type { Caller } from './caller'
import { PlatformFailure } from './platform-failure'
import type { Deps } from './ports'

/** The media checks started for the photos of one complaint, by photo id. */
export type PhotoChecks = ReadonlyMap<string, PhotoCheckStart>

/**
 * Starts WeChat's media check of the photos a member is about to file (docs/security.md), before
 * the transaction that files them: a check is a call out, which a transaction callback (re-run on
 * conflict) must not make. The photos are first tried as that transaction will try them, read
 * only; when the trial refuses them no check is started, and the transaction gives the refusal —
 * or, for a retried request, the answer already given. When a check cannot be started the
 * complaint waits (SYS.CONTENT_CHECK_UNAVAILABLE, logged) rather than reaching staff unchecked.
 */
export async function startPhotoChecks(
  deps: Pick<Deps, 'content' | 'logger' | 'store' | 'settings' | 'clock'>,
  caller: Caller,
  claim: { memberId: string; photos: readonly string[] },
): Promise<Result<PhotoChecks>> {
  if (claim.photos.length === 0) return ok(new Map())
  const stored = await Promise.all(
    claim.photos.map((photo) => deps.store.read.photoUploads.byId(photo)),
  )
  const trial = attachPhotos(claim.photos, stored, {
    memberId: claim.memberId,
    complaintId: 'trial',
    cloudEnv: deps.settings.cloudStorageEnv,
    now: deps.clock.now(),
  })
  if (!trial.ok) return ok(new Map())
  try {
    const starts = await Promise.all(
      claim.photos.map((photoId) => deps.content.image({ openid: caller.openid, photoId })),
    )
    return ok(new Map(claim.photos.map((photo, i) => [photo, starts[i]!])))
  } catch (error) {
    if (error instanceof PlatformFailure) throw error
    deps.logger.error('photo check failed', {
      error: error instanceof Error ? error.message : String(error),
    })
    return contentCheckUnavailable()
  }
}

/** Whether every photo about to be filed has its check started (a trace or a verdict). */
export function everyPhotoChecked(photos: readonly PhotoUpload[]): boolean {
  return photos.every((photo) => photo.check !== 'pending' || photo.checkTraceId !== null)
}
