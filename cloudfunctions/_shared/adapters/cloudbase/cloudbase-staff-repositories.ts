import type { StaffInvite, StaffRecord, StaffRepository } from '../../ports'
import {
  collectionAccess,
  readPage,
  withoutId,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { saveVersioned } from './cloudbase-versioned'
import { COLLECTIONS } from './cloudbase-schema'

type Doc = Record<string, unknown>

/**
 * A stored staff document as a record. Documents added in the console before staff were managed in
 * the app lack `status` and `version`: such an account is active, at version 1; documents written
 * before outlets were kept have no `site`.
 */
export const toStaff = (d: Doc): StaffRecord => {
  const staff = withoutId<StaffRecord>(d, 'id')
  return {
    ...staff,
    site: staff.site ?? null,
    status: staff.status ?? 'active',
    version: staff.version ?? 1,
  }
}
const toInvite = (d: Doc): StaffInvite => {
  const invite = withoutId<StaffInvite>(d, 'id')
  return { ...invite, site: invite.site ?? null }
}

/**
 * Staff accounts (`staff`) and invites (`staff_invites`) over the CloudBase database. Versions are
 * compared in JS on the document read inside the transaction, and the write is a single-document
 * `set` (filtered updates escape transactions, PLATFORM §1); of two transactions writing the same
 * account or invite, one meets a write conflict and is run again. Outside a transaction
 * (`writable: false`) the repository only reads.
 */
export function cloudbaseStaffRepositories(
  source: CollectionSource,
  _command: DbCommand,
  writable: boolean,
): { staff: StaffRepository } {
  const { coll, first, getDoc, insertNew, mustWrite } = collectionAccess(source, writable)

  return {
    staff: {
      byOpenid: async (openid) => {
        const d = await first(COLLECTIONS.staff, { openid })
        return d ? toStaff(d) : null
      },
      byId: async (id) => {
        const d = await getDoc(COLLECTIONS.staff, id)
        return d ? toStaff(d) : null
      },
      // `openid` is unique (index) and so is `_id`: both read first, as a clash would end the
      // transaction.
      insert: async ({ id, ...rest }) => {
        mustWrite()
        if (await first(COLLECTIONS.staff, { openid: rest.openid })) {
          return { ok: false, conflict: 'openid' }
        }
        const added = await insertNew(COLLECTIONS.staff, { _id: id, ...rest })
        return added ? { ok: true } : { ok: false, conflict: 'version' }
      },
      update: async ({ id, ...fields }) => {
        mustWrite()
        const current = await getDoc(COLLECTIONS.staff, id)
        if (!current || toStaff(current).version !== fields.version - 1) {
          return { ok: false, conflict: 'version' }
        }
        await coll(COLLECTIONS.staff).doc(id).set(fields)
        return { ok: true }
      },
      list: async (offset, limit) => {
        const ordered = coll(COLLECTIONS.staff).orderBy('createdAt', 'asc').orderBy('_id', 'asc')
        // count() never takes part in a transaction: inside one, `total` is the committed count.
        const [rows, count] = await Promise.all([
          readPage(ordered, offset, limit),
          coll(COLLECTIONS.staff).count(),
        ])
        return { items: rows.map(toStaff), total: count.total as number }
      },
      invite: async (id) => {
        const d = await getDoc(COLLECTIONS.staffInvites, id)
        return d ? toInvite(d) : null
      },
      inviteByCodeHash: async (codeHash) => {
        const d = await first(COLLECTIONS.staffInvites, { codeHash })
        return d ? toInvite(d) : null
      },
      saveInvite: async ({ id, ...fields }) => {
        mustWrite()
        return saveVersioned(source, COLLECTIONS.staffInvites, id, fields)
      },
      openInvites: async (limit) =>
        (
          await readPage(
            coll(COLLECTIONS.staffInvites)
              .where({ status: 'open' })
              .orderBy('createdAt', 'desc')
              .orderBy('_id', 'desc'),
            0,
            limit,
          )
        ).map(toInvite),
    },
  }
}
