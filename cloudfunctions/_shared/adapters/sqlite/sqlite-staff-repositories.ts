import type { StaffInvite, StaffRecord, StaffRepository } from '../../ports'
import { versioned, type Prepare } from './sqlite-versioned'

type Row = Record<string, unknown>

const rowToStaff = (r: Row): StaffRecord => ({
  id: r.id as string,
  openid: r.openid as string,
  name: r.name as string,
  role: r.role as StaffRecord['role'],
  site: (r.site as string | null) ?? null,
  status: r.status as StaffRecord['status'],
  createdAt: r.created_at as string,
  version: r.version as number,
})

const rowToInvite = (r: Row): StaffInvite => ({
  id: r.id as string,
  codeHash: r.code_hash as string,
  role: r.role as StaffInvite['role'],
  name: r.name as string,
  site: (r.site as string | null) ?? null,
  status: r.status as StaffInvite['status'],
  createdBy: r.created_by as string,
  createdAt: r.created_at as string,
  expiresAt: r.expires_at as string,
  closedBy: (r.closed_by as string | null) ?? null,
  closedAt: (r.closed_at as string | null) ?? null,
  version: r.version as number,
})

const inviteToRow = (i: StaffInvite) => ({
  id: i.id,
  code_hash: i.codeHash,
  role: i.role,
  name: i.name,
  site: i.site,
  status: i.status,
  created_by: i.createdBy,
  created_at: i.createdAt,
  expires_at: i.expiresAt,
  closed_by: i.closedBy,
  closed_at: i.closedAt,
  version: i.version,
})

const INSERT_INVITE = `INSERT INTO staff_invites (id, code_hash, role, name, site, status,
    created_by, created_at, expires_at, closed_by, closed_at, version)
  VALUES (@id, @code_hash, @role, @name, @site, @status, @created_by, @created_at, @expires_at,
    @closed_by, @closed_at, @version)`
// The code hash, creator and creation time never change.
const UPDATE_INVITE = `UPDATE staff_invites SET role = @role, name = @name, site = @site,
    status = @status,
    expires_at = @expires_at, closed_by = @closed_by, closed_at = @closed_at, version = @version
  WHERE id = @id AND version = @version - 1`

/** Staff accounts and invites over SQLite (tables `staff`, `staff_invites`). */
export function sqliteStaffRepositories(prepare: Prepare): { staff: StaffRepository } {
  const one =
    <T>(sql: string, map: (r: Row) => T) =>
    (...params: unknown[]): T | null => {
      const row = prepare(sql).get(...params) as Row | undefined
      return row ? map(row) : null
    }
  const byOpenid = one('SELECT * FROM staff WHERE openid = ?', rowToStaff)
  const byId = one('SELECT * FROM staff WHERE id = ?', rowToStaff)
  const invite = one('SELECT * FROM staff_invites WHERE id = ?', rowToInvite)
  const inviteByHash = one('SELECT * FROM staff_invites WHERE code_hash = ?', rowToInvite)

  return {
    staff: {
      byOpenid: async (openid) => byOpenid(openid),
      byId: async (id) => byId(id),
      insert: async (s) => {
        try {
          prepare(
            `INSERT INTO staff (id, openid, name, role, site, status, created_at, version)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(s.id, s.openid, s.name, s.role, s.site, s.status, s.createdAt, s.version)
          return { ok: true }
        } catch (error) {
          const e = error as { code?: string; message?: string }
          if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' && /staff\.openid/.test(e.message ?? '')) {
            return { ok: false, conflict: 'openid' }
          }
          if (e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return { ok: false, conflict: 'version' }
          throw error
        }
      },
      update: async (s) =>
        prepare(
          `UPDATE staff SET name = ?, role = ?, site = ?, status = ?, version = ?
           WHERE id = ? AND version = ?`,
        ).run(s.name, s.role, s.site, s.status, s.version, s.id, s.version - 1).changes === 1
          ? { ok: true }
          : { ok: false, conflict: 'version' },
      list: async (offset, limit) => {
        const rows = prepare('SELECT * FROM staff ORDER BY created_at, id LIMIT ? OFFSET ?').all(
          limit,
          offset,
        ) as Row[]
        const { n } = prepare('SELECT COUNT(*) AS n FROM staff').get() as { n: number }
        return { items: rows.map(rowToStaff), total: n }
      },
      invite: async (id) => invite(id),
      inviteByCodeHash: async (codeHash) => inviteByHash(codeHash),
      saveInvite: async (i) => {
        try {
          return versioned(prepare, INSERT_INVITE, UPDATE_INVITE, inviteToRow(i))
        } catch (error) {
          // A second invite with the same code hash (the same invite saved twice at version 1).
          if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
            return { ok: false, conflict: 'version' }
          }
          throw error
        }
      },
      openInvites: async (limit) =>
        (
          prepare(
            `SELECT * FROM staff_invites WHERE status = 'open'
             ORDER BY created_at DESC, id DESC LIMIT ?`,
          ).all(limit) as Row[]
        ).map(rowToInvite),
    },
  }
}
