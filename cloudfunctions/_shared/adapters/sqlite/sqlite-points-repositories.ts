import type { LedgerEntry, PointsAccount } from '../../../../src/domain/points/points'
import type { RewardItem } from '../../../../src/domain/points/redemption'
import type {
  CatalogueRepository,
  PointsRepository,
  VoucherRecord,
  VoucherRepository,
} from '../../ports'
import { versioned, type Prepare } from './sqlite-versioned'

type Row = Record<string, unknown>

const toEntry = (r: Row): LedgerEntry => ({
  id: r.id as string,
  memberId: r.member_id as string,
  type: r.type as LedgerEntry['type'],
  label: r.label as LedgerEntry['label'],
  points: r.points as number,
  reference: r.reference as string,
  actorId: r.actor_id as string,
  requestId: (r.request_id as string | null) ?? null,
  at: r.at as string,
  takes: JSON.parse(r.takes_json as string),
  lotId: (r.lot_id as string | null) ?? null,
  note: (r.note as string | null) ?? null,
  ...(r.purchase_json ? { purchase: JSON.parse(r.purchase_json as string) } : {}),
})

const toItem = (r: Row): RewardItem => ({
  id: r.id as string,
  name: r.name as string,
  imageUrl: (r.image_url as string | null) ?? null,
  pointsPrice: r.points_price as number,
  stock: r.stock as number,
  faceValueFen: (r.face_value_fen as number | null) ?? null,
  availableFrom: (r.available_from as string | null) ?? null,
  availableUntil: (r.available_until as string | null) ?? null,
  active: r.active === 1,
  version: r.version as number,
})

const toVoucher = (r: Row): VoucherRecord => ({
  code: r.code as string,
  memberId: r.member_id as string,
  itemId: r.item_id as string,
  itemName: r.item_name as string,
  points: r.points as number,
  faceValueFen: (r.face_value_fen as number | null) ?? null,
  pickupDate: r.pickup_date as string,
  status: r.status as VoucherRecord['status'],
  entryId: r.entry_id as string,
  issuedAt: r.issued_at as string,
  usedAt: (r.used_at as string | null) ?? null,
  usedBy: (r.used_by as string | null) ?? null,
  version: r.version as number,
})

export function sqlitePointsRepositories(prepare: Prepare): {
  points: PointsRepository
  catalogue: CatalogueRepository
  vouchers: VoucherRepository
} {
  return {
    points: {
      account: async (memberId) => {
        const r = prepare('SELECT * FROM points_accounts WHERE member_id = ?').get(memberId) as
          Row | undefined
        if (!r) return null
        const account: PointsAccount = {
          memberId,
          balance: r.balance as number,
          lots: JSON.parse(r.lots_json as string),
          version: r.version as number,
          ...(r.closed_at ? { closedAt: r.closed_at as string } : {}),
        }
        return account
      },
      saveAccount: async (a) =>
        versioned(
          prepare,
          `INSERT INTO points_accounts (member_id, balance, lots_json, version, closed_at)
           VALUES (@member_id, @balance, @lots_json, @version, @closed_at)`,
          `UPDATE points_accounts SET balance = @balance, lots_json = @lots_json, version = @version,
             closed_at = @closed_at
           WHERE member_id = @member_id AND version = @version - 1`,
          {
            member_id: a.memberId,
            balance: a.balance,
            lots_json: JSON.stringify(a.lots),
            version: a.version,
            closed_at: a.closedAt ?? null,
          },
        ),
      append: async (e) => {
        prepare(
          `INSERT INTO points_ledger (id, member_id, type, label, points, reference, actor_id,
             request_id, at, takes_json, lot_id, note, purchase_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          e.id,
          e.memberId,
          e.type,
          e.label,
          e.points,
          e.reference,
          e.actorId,
          e.requestId,
          e.at,
          JSON.stringify(e.takes),
          e.lotId,
          e.note,
          e.purchase ? JSON.stringify(e.purchase) : null,
        )
      },
      entry: async (id) => {
        const r = prepare('SELECT * FROM points_ledger WHERE id = ?').get(id) as Row | undefined
        return r ? toEntry(r) : null
      },
      history: async (memberId, offset, limit) => {
        const items = prepare(
          'SELECT * FROM points_ledger WHERE member_id = ? ORDER BY at DESC, id DESC LIMIT ? OFFSET ?',
        ).all(memberId, limit, offset) as Row[]
        const { n } = prepare('SELECT COUNT(*) AS n FROM points_ledger WHERE member_id = ?').get(
          memberId,
        ) as { n: number }
        return { items: items.map(toEntry), total: n }
      },
      accountIdsAfter: async (cursor, limit) =>
        (
          prepare(
            'SELECT member_id FROM points_accounts WHERE member_id > ? ORDER BY member_id LIMIT ?',
          ).all(cursor, limit) as { member_id: string }[]
        ).map((r) => r.member_id),
      entriesBetween: async (memberIds, from, to) =>
        (
          prepare(
            `SELECT member_id, type, label, points, at FROM points_ledger
             WHERE member_id IN (SELECT value FROM json_each(?)) AND at >= ? AND at < ?`,
          ).all(JSON.stringify(memberIds), from, to) as Row[]
        ).map((r) => ({
          memberId: r.member_id as string,
          type: r.type as LedgerEntry['type'],
          label: r.label as LedgerEntry['label'],
          points: r.points as number,
          at: r.at as string,
        })),
      accountCount: async () =>
        (prepare('SELECT COUNT(*) AS n FROM points_accounts').get() as { n: number }).n,
      ledgerSum: async (memberId) =>
        (
          prepare(
            'SELECT COALESCE(SUM(points), 0) AS s FROM points_ledger WHERE member_id = ?',
          ).get(memberId) as { s: number }
        ).s,
    },
    catalogue: {
      all: async () =>
        (prepare('SELECT * FROM reward_items ORDER BY points_price, id').all() as Row[]).map(
          toItem,
        ),
      byId: async (id) => {
        const r = prepare('SELECT * FROM reward_items WHERE id = ?').get(id) as Row | undefined
        return r ? toItem(r) : null
      },
      save: async (i) =>
        versioned(
          prepare,
          `INSERT INTO reward_items (id, name, image_url, points_price, stock, face_value_fen,
             available_from, available_until, active, version)
           VALUES (@id, @name, @image_url, @points_price, @stock, @face_value_fen, @available_from,
             @available_until, @active, @version)`,
          `UPDATE reward_items SET name = @name, image_url = @image_url, points_price = @points_price,
             stock = @stock, face_value_fen = @face_value_fen, available_from = @available_from,
             available_until = @available_until, active = @active, version = @version
           WHERE id = @id AND version = @version - 1`,
          {
            id: i.id,
            name: i.name,
            image_url: i.imageUrl,
            points_price: i.pointsPrice,
            stock: i.stock,
            face_value_fen: i.faceValueFen,
            available_from: i.availableFrom,
            available_until: i.availableUntil,
            active: i.active ? 1 : 0,
            version: i.version,
          },
        ),
    },
    vouchers: {
      byCode: async (code) => {
        const r = prepare('SELECT * FROM vouchers WHERE code = ?').get(code) as Row | undefined
        return r ? toVoucher(r) : null
      },
      forMember: async (memberId) =>
        (
          prepare('SELECT * FROM vouchers WHERE member_id = ? ORDER BY issued_at DESC, code').all(
            memberId,
          ) as Row[]
        ).map(toVoucher),
      save: async (v) =>
        versioned(
          prepare,
          `INSERT INTO vouchers (code, member_id, item_id, item_name, points, face_value_fen,
             pickup_date, status, entry_id, issued_at, used_at, used_by, version)
           VALUES (@code, @member_id, @item_id, @item_name, @points, @face_value_fen, @pickup_date,
             @status, @entry_id, @issued_at, @used_at, @used_by, @version)`,
          `UPDATE vouchers SET member_id = @member_id, item_id = @item_id, item_name = @item_name,
             points = @points, face_value_fen = @face_value_fen, pickup_date = @pickup_date,
             status = @status, entry_id = @entry_id, issued_at = @issued_at, used_at = @used_at,
             used_by = @used_by, version = @version
           WHERE code = @code AND version = @version - 1`,
          {
            code: v.code,
            member_id: v.memberId,
            item_id: v.itemId,
            item_name: v.itemName,
            points: v.points,
            face_value_fen: v.faceValueFen,
            pickup_date: v.pickupDate,
            status: v.status,
            entry_id: v.entryId,
            issued_at: v.issuedAt,
            used_at: v.usedAt,
            used_by: v.usedBy,
            version: v.version,
          },
        ),
    },
  }
}
