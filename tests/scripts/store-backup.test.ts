import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openSqliteStore } from '../../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { backupStore, checkStoreFile, restoreStore } from '../../scripts/store-backup'
import { showCardAtCounter } from '../../server/demo-phone'
import { activeMembers } from '../support/bulk-members'
import { endHostProcesses, startHostProcess, type Envelope } from '../support/fault-host-process'
import {
  faultStoreFile,
  fileHealth,
  inspect,
  ledgerMismatches,
  prepareStore,
  untilCount,
} from '../support/fault-store'
import { callerOf } from '../support/registration-flow'
import { addStaff, newRequestId } from '../support/test-deps'

const PURCHASES = 200

const countOf = (file: string, table: string) =>
  inspect(file, (db) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n)

describe('backupStore and restoreStore', () => {
  const scene = faultStoreFile()
  afterAll(() => {
    endHostProcesses()
    scene.cleanup()
  })

  it('copies the store while the host writes: the copy is sound, adds up, and restores into a store that opens with its data', async () => {
    const { clerk, cards } = await prepareStore(scene.file, async (deps) => {
      const members = await activeMembers(deps, 10, await addStaff(deps, 'reviewer'))
      const staff = await addStaff(deps, 'clerk')
      for (const m of members) {
        await showCardAtCounter(deps, callerOf(m.openid), callerOf(staff.openid), newRequestId())
      }
      return { clerk: staff.openid, cards: members.map((m) => m.cardNo) }
    })
    const host = await startHostProcess(scene.file)
    const cookie = await host.signIn(clerk)
    let answered = 0
    const burst = Array.from({ length: PURCHASES }, (_, i) =>
      host
        .call(
          cookie,
          'points',
          'earnPurchase',
          {
            cardNo: cards[i % cards.length],
            lines: [{ category: 'daily', amountFen: 10_000 + i * 100 }],
            voucherCodes: [],
            receiptNo: '',
          },
          `backup-purchase-${i}`,
        )
        .then((res: Envelope) => {
          answered++
          return res
        }),
    )
    await untilCount(() => answered, PURCHASES / 4)
    const copy = backupStore(scene.file, join(scene.dir, 'backups', 'mid-burst.db'))
    expect((await Promise.all(burst)).filter((r) => !r.ok)).toEqual([])
    // The running host (another process) holds the store: no restore under it.
    expect(() => restoreStore(copy.file, scene.file)).toThrow('is in use')
    await host.stop()

    expect(copy).toMatchObject({ integrity: 'ok' })
    const purchasesInCopy = inspect(copy.file, (db) => {
      expect(ledgerMismatches(db)).toEqual([])
      return (
        db
          .prepare(`SELECT COUNT(*) AS n FROM points_ledger WHERE request_id LIKE 'backup-%'`)
          .get() as { n: number }
      ).n
    })
    // A snapshot from the middle of the burst: some purchases in it, not all.
    expect(purchasesInCopy).toBeGreaterThan(0)
    expect(purchasesInCopy).toBeLessThan(PURCHASES)

    const membersBefore = countOf(scene.file, 'members')
    const done = restoreStore(copy.file, scene.file, new Date('2026-11-23T10:00:00Z'))
    expect(done.aside).toBe(`${scene.file}.before-restore-20261123-100000`)
    // The store it replaced is kept whole, with every purchase of the burst.
    expect(countOf(done.aside!, 'members')).toBe(membersBefore)
    expect(
      inspect(
        done.aside!,
        (db) =>
          db
            .prepare(`SELECT COUNT(*) AS n FROM points_ledger WHERE request_id LIKE 'backup-%'`)
            .get() as { n: number },
      ).n,
    ).toBe(PURCHASES)

    // The restored store opens (and migrates) as the host would, with the copy's data.
    const store = openSqliteStore(scene.file)
    expect(await store.read.members.byCardNo(cards[0]!)).not.toBeNull()
    await store.close()
    expect(countOf(scene.file, 'members')).toBe(membersBefore)
    expect(fileHealth(scene.file)).toEqual({ integrity: 'ok', journalMode: 'wal' })
  }, 120_000)

  it('refuses to restore a damaged backup and leaves the store as it was', async () => {
    const damaged = join(scene.dir, 'damaged.db')
    const good = backupStore(scene.file, join(scene.dir, 'good.db'))
    const bytes = readFileSync(good.file)
    // Overwrite pages in the middle of the file with noise.
    bytes.fill(0x5a, 8192, Math.min(bytes.length, 8192 * 4))
    writeFileSync(damaged, bytes)
    const notAStore = join(scene.dir, 'notes.db')
    writeFileSync(notAStore, '这不是数据库')
    const before = readFileSync(scene.file)

    expect(() => restoreStore(damaged, scene.file)).toThrow('is not a usable store')
    expect(() => restoreStore(notAStore, scene.file)).toThrow('is not a usable store')
    expect(() => restoreStore(join(scene.dir, 'missing.db'), scene.file)).toThrow('no such file')
    expect(readFileSync(scene.file).equals(before)).toBe(true)
  })

  it('refuses to restore while a host has the store open', async () => {
    const backup = backupStore(scene.file, join(scene.dir, 'while-open.db'))
    const store = openSqliteStore(scene.file)
    try {
      expect(() => restoreStore(backup.file, scene.file)).toThrow('is in use')
      expect(existsSync(`${scene.file}.restoring`)).toBe(false)
      expect(await store.read.staff.byOpenid('o_demo_admin')).not.toBeNull()
    } finally {
      await store.close()
    }
    expect(checkStoreFile(scene.file)).toMatchObject({ integrity: 'ok' })
  })

  it('names a backup by the time it was taken, beside the store, and never overwrites one', () => {
    const at = new Date('2026-11-23T22:55:01.123Z')
    const copy = backupStore(scene.file, undefined, at)
    expect(copy.file).toBe(join(scene.dir, 'backups', 'club-20261123-225501.db'))
    expect(() => backupStore(scene.file, undefined, at)).toThrow('exists already')
  })
})
