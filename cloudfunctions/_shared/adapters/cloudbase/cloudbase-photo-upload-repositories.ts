import type { PhotoUpload } from '../../../../src/domain/care/photo-upload'
import type { PhotoUploadRepository } from '../../ports'
import {
  collectionAccess,
  readAll,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { saveVersioned } from './cloudbase-versioned'
import { COLLECTIONS } from './cloudbase-schema'

type Doc = Record<string, unknown>

/**
 * A photo's document `_id`: its id, URI-encoded, so the `/` and `:` of a `cloud://` fileID never
 * reach a document path; one photo, one document, whatever races to record it.
 */
export const photoDocId = (photoId: string) => encodeURIComponent(photoId)

/** A document as a photo; one written before the media check existed was shown, so it passed. */
const toUpload = ({ _id, ...rest }: Doc): PhotoUpload =>
  ({
    check: 'pass',
    checkTraceId: null,
    ...rest,
    id: decodeURIComponent(_id as string),
  }) as PhotoUpload

/**
 * Complaint photos and their uploaders over the CloudBase database. A member's uploads within the
 * quota window are few (the quota keeps them at 20), so they are read and summed here rather than
 * aggregated, which would not take part in a transaction. Outside a transaction
 * (`writable: false`) the repository only reads.
 */
export function cloudbasePhotoUploadRepositories(
  source: CollectionSource,
  command: DbCommand,
  writable: boolean,
): { photoUploads: PhotoUploadRepository } {
  const { coll, getDoc, mustWrite } = collectionAccess(source, writable)
  const byOwner = (where: Doc) =>
    coll(COLLECTIONS.photoUploads).where(where).orderBy('createdAt', 'asc').orderBy('_id', 'asc')

  return {
    photoUploads: {
      byId: async (photoId) => {
        const d = await getDoc(COLLECTIONS.photoUploads, photoDocId(photoId))
        return d ? toUpload(d) : null
      },
      save: async ({ id, ...fields }) => {
        mustWrite()
        return saveVersioned(source, COLLECTIONS.photoUploads, photoDocId(id), fields)
      },
      usageSince: async (ownerMemberId, since) => {
        const rows = await readAll(byOwner({ ownerMemberId, createdAt: command.gte(since) }))
        return {
          photos: rows.length,
          bytes: rows.reduce((sum, row) => sum + ((row.bytes as number) ?? 0), 0),
        }
      },
      unattachedBefore: async (ownerMemberId, before) =>
        (
          await readAll(
            byOwner({ ownerMemberId, complaintId: null, createdAt: command.lt(before) }),
          )
        ).map(toUpload),
      remove: async (photoId) => {
        mustWrite()
        await coll(COLLECTIONS.photoUploads).doc(photoDocId(photoId)).delete()
      },
      byCheckTrace: async (traceId) => {
        const { data } = await coll(COLLECTIONS.photoUploads)
          .where({ checkTraceId: traceId })
          .limit(1)
          .get()
        const d = (data as Doc[])[0]
        return d ? toUpload(d) : null
      },
    },
  }
}
