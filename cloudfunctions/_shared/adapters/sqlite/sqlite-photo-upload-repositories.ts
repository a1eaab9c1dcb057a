import type { PhotoUpload } from '../../../../src/domain/care/photo-upload'
import type { PhotoUploadRepository } from '../../ports'
import { versioned, type Prepare } from './sqlite-versioned'

type Row = Record<string, unknown>

const toUpload = (r: Row): PhotoUpload => ({
  id: r.id as string,
  ownerMemberId: r.owner_member_id as string,
  bytes: r.bytes as number,
  createdAt: r.created_at as string,
  complaintId: (r.complaint_id as string | null) ?? null,
  check: r.check_state as PhotoUpload['check'],
  checkTraceId: (r.check_trace_id as string | null) ?? null,
  version: r.version as number,
})

/** Complaint photos and their uploaders over SQLite; times are ISO strings, so they sort as text. */
export function sqlitePhotoUploadRepositories(prepare: Prepare): {
  photoUploads: PhotoUploadRepository
} {
  return {
    photoUploads: {
      byId: async (photoId) => {
        const r = prepare('SELECT * FROM photo_uploads WHERE id = ?').get(photoId) as
          Row | undefined
        return r ? toUpload(r) : null
      },
      save: async (u) =>
        versioned(
          prepare,
          `INSERT INTO photo_uploads (id, owner_member_id, bytes, created_at, complaint_id,
             check_state, check_trace_id, version)
           VALUES (@id, @owner_member_id, @bytes, @created_at, @complaint_id, @check_state,
             @check_trace_id, @version)`,
          `UPDATE photo_uploads SET owner_member_id = @owner_member_id, bytes = @bytes,
             created_at = @created_at, complaint_id = @complaint_id, check_state = @check_state,
             check_trace_id = @check_trace_id, version = @version
           WHERE id = @id AND version = @version - 1`,
          {
            id: u.id,
            owner_member_id: u.ownerMemberId,
            bytes: u.bytes,
            created_at: u.createdAt,
            complaint_id: u.complaintId,
            check_state: u.check,
            check_trace_id: u.checkTraceId,
            version: u.version,
          },
        ),
      usageSince: async (memberId, since) => {
        const r = prepare(
          `SELECT COUNT(*) AS photos, COALESCE(SUM(bytes), 0) AS bytes FROM photo_uploads
           WHERE owner_member_id = ? AND created_at >= ?`,
        ).get(memberId, since) as { photos: number; bytes: number }
        return { photos: r.photos, bytes: r.bytes }
      },
      unattachedBefore: async (memberId, before) =>
        (
          prepare(
            `SELECT * FROM photo_uploads
             WHERE owner_member_id = ? AND created_at < ? AND complaint_id IS NULL
             ORDER BY created_at, id`,
          ).all(memberId, before) as Row[]
        ).map(toUpload),
      remove: async (photoId) => {
        prepare('DELETE FROM photo_uploads WHERE id = ?').run(photoId)
      },
      byCheckTrace: async (traceId) => {
        const r = prepare('SELECT * FROM photo_uploads WHERE check_trace_id = ?').get(traceId) as
          Row | undefined
        return r ? toUpload(r) : null
      },
    },
  }
}
