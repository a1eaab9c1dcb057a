import type { PurchaseOutcome } from '../../src/contracts/points.contract'
import { showCardAtCounter } from '../../server/demo-phone'
import { activeMembers } from '../support/bulk-members'
import {
  endHostProcesses,
  startHostProcess,
  type Envelope,
  type HostProcess,
} from '../support/fault-host-process'
import {
  faultSize,
  faultStoreFile,
  faultTimeout,
  fileHealth,
  inspect,
  ledgerMismatches,
  prepareStore,
  untilCount,
} from '../support/fault-store'
import { callerOf } from '../support/registration-flow'
import { addStaff, newRequestId } from '../support/test-deps'

const MEMBERS = faultSize(40)
const CLERKS = 4
const PURCHASES = faultSize(300)

type Purchase = { requestId: string; clerk: number; cardNo: string; yuan: number }

describe('points.earnPurchase under a crash of the local host', () => {
  const scene = faultStoreFile()
  afterAll(() => {
    endHostProcesses()
    scene.cleanup()
  })

  it(
    'keeps every acknowledged purchase through a SIGKILL, and a resent request id never credits twice',
    async () => {
      // The scene: members each showed their card to one of the clerks (valid for 10 minutes).
      const { clerks, cards } = await prepareStore(scene.file, async (deps) => {
        const members = await activeMembers(deps, MEMBERS, await addStaff(deps, 'reviewer'))
        const staff = []
        for (let c = 0; c < CLERKS; c++) staff.push(await addStaff(deps, 'clerk'))
        for (const [i, m] of members.entries()) {
          const clerk = callerOf(staff[i % CLERKS]!.openid)
          await showCardAtCounter(deps, callerOf(m.openid), clerk, newRequestId())
        }
        return { clerks: staff.map((s) => s.openid), cards: members.map((m) => m.cardNo) }
      })
      const purchases: Purchase[] = Array.from({ length: PURCHASES }, (_, i) => ({
        requestId: `fault-purchase-${i}`,
        clerk: (i % MEMBERS) % CLERKS,
        cardNo: cards[i % MEMBERS]!,
        yuan: 10 + ((i * 37) % 500),
      }))
      const send = (host: HostProcess, cookies: string[]) =>
        purchases.map((p) =>
          host.call(
            cookies[p.clerk]!,
            'points',
            'earnPurchase',
            {
              cardNo: p.cardNo,
              lines: [{ category: 'daily', amountFen: p.yuan * 100 }],
              voucherCodes: [],
              receiptNo: '',
            },
            p.requestId,
          ),
        )

      // The burst, all clerks at once; the host is killed the moment the first answers arrive
      // (in the same callback, not after a poll: the store commits up to 64 purchases at once,
      // and a kill a few milliseconds late could find the whole burst answered).
      const first = await startHostProcess(scene.file)
      const firstCookies = await Promise.all(clerks.map((c) => first.signIn(c)))
      const acknowledged = new Map<string, PurchaseOutcome>()
      const refused: Envelope[] = []
      let killed: Promise<void> | null = null
      const burst = send(first, firstCookies).map((sent, i) =>
        sent.then(
          (res) => {
            if (res.ok) acknowledged.set(purchases[i]!.requestId, res.data as PurchaseOutcome)
            else refused.push(res)
            killed ??= first.kill()
          },
          () => undefined,
        ),
      )
      await untilCount(() => (killed ? 1 : 0), 1)
      await killed
      await Promise.all(burst)
      expect(refused).toEqual([])
      expect(acknowledged.size).toBeLessThan(PURCHASES)
      expect(fileHealth(scene.file)).toEqual({ integrity: 'ok', journalMode: 'wal' })

      // Every acknowledged purchase survived the crash.
      const recorded = (ids: string[]) =>
        inspect(scene.file, (db) => {
          const entry = db.prepare(
            `SELECT COUNT(*) AS n FROM points_ledger WHERE request_id = ? AND type = 'earn'`,
          )
          return ids.map((id) => (entry.get(id) as { n: number }).n)
        })
      const acked = [...acknowledged.keys()]
      expect(recorded(acked)).toEqual(acked.map(() => 1))

      // Every request sent again after the restart, answered or not: the answered ones repeat
      // their first answer, and each purchase is credited once.
      const second = await startHostProcess(scene.file)
      const cookies = await Promise.all(clerks.map((c) => second.signIn(c)))
      const resent = await Promise.all(send(second, cookies))
      await second.stop()
      expect(resent.filter((r) => !r.ok)).toEqual([])
      for (const [i, p] of purchases.entries()) {
        const first = acknowledged.get(p.requestId)
        if (first) expect(resent[i]!.data).toEqual(first)
      }
      expect(recorded(purchases.map((p) => p.requestId))).toEqual(purchases.map(() => 1))
      inspect(scene.file, (db) => expect(ledgerMismatches(db)).toEqual([]))
      expect(fileHealth(scene.file)).toEqual({ integrity: 'ok', journalMode: 'wal' })
    },
    faultTimeout(),
  )
})
