import { readingOnce } from '../../../../cloudfunctions/_shared/adapters/cloudbase/transaction-reads'
import { singleDoc } from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-access'
import { aDoubleBackedStore } from '../../../support/cloudbase/double-store'

const COLL = 'counters'

describe('a transaction reads each document once (readingOnce)', () => {
  let t: ReturnType<typeof aDoubleBackedStore>
  beforeEach(async () => {
    t = aDoubleBackedStore()
    await t.db.collection(COLL).add({ _id: 'card', value: 1 })
  })
  afterEach(() => t.cleanup())

  async function inTransaction(work: (tx: ReturnType<typeof readingOnce>) => Promise<void>) {
    const tx = await t.db.startTransaction()
    await work(readingOnce(tx))
    await tx.commit()
  }
  const read = async (tx: ReturnType<typeof readingOnce>) =>
    singleDoc(await tx.collection(COLL).doc('card').get())
  const gets = () => t.double.requests.filter((r) => r.action === 'database.getDocument').length

  it('answers a second read of a document from the first, with no wire request', async () => {
    await inTransaction(async (tx) => {
      const before = gets()
      const first = await read(tx)
      const second = await read(tx)

      expect(second).toEqual(first)
      expect(gets() - before).toBe(1)
    })
  })

  it('reads again after the transaction writes the document, and sees its own write', async () => {
    await inTransaction(async (tx) => {
      await read(tx)
      await tx
        .collection(COLL)
        .doc('card')
        .update({ value: t.db.command.inc(1) })
      const before = gets()

      expect((await read(tx))?.value).toBe(2)
      expect(gets() - before).toBe(1)
    })
  })

  it('gives each read its own copy: changing what was read changes nothing for the next', async () => {
    await inTransaction(async (tx) => {
      const first = await read(tx)
      first!.value = 99

      expect((await read(tx))?.value).toBe(1)
    })
  })

  it('forgets a collection when a query is built on it', async () => {
    await inTransaction(async (tx) => {
      await read(tx)
      await tx.collection(COLL).where({ _id: 'card' }).get()
      const before = gets()

      await read(tx)
      expect(gets() - before).toBe(1)
    })
  })
})
