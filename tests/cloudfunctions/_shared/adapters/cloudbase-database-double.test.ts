import { aDoubleBackedStore } from '../../../support/cloudbase/double-store'
import type { CloudbaseDatabaseDouble } from '../../../support/cloudbase/database-double'

/**
 * Specs of the CloudBase database double (tests/support/cloudbase/database-double.ts), through the
 * real @cloudbase/node-sdk. Each pins a behaviour of the real service and cites where it is
 * shown: the SDK's own suite run against a live environment (TencentCloudBase/node-sdk,
 * test/database/unit/*.test.ts, commit b3c9dda), CloudBase's documentation, or MongoDB's (the
 * service is MongoDB underneath) where CloudBase says nothing.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = any
type Rejection = { code?: string; message?: string }

const CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'

const COLL = 'db-test-transactions'
const seed = [
  { _id: '1', category: 'Web', tags: ['JavaScript', 'C#'], num: 2 },
  { _id: '2', category: 'Web', tags: ['Go', 'C#'] },
  { _id: '3', category: 'Life', tags: ['Go', 'Python', 'JavaScript'] },
]

let db: Db
let double: CloudbaseDatabaseDouble
let cleanup: () => Promise<void>

beforeEach(async () => {
  ;({ db, double, cleanup } = aDoubleBackedStore())
  double.createCollection(COLL)
  await db.collection(COLL).add(seed)
})
afterEach(() => cleanup())

const rejection = async (work: Promise<unknown>): Promise<Rejection> => {
  try {
    await work
  } catch (error) {
    return error as Rejection
  }
  throw new Error('expected the call to fail')
}

describe('reads (node-sdk test/database/unit/query.limit.test.ts)', () => {
  beforeEach(async () => {
    await db.collection(COLL).add(Array.from({ length: 1001 }, () => ({ luke: 'limit-test' })))
  })

  it.each([
    ['limit(1000) gives 1000', 1000, 1000],
    ['limit(1001) gives 1000, the most one get() returns', 1001, 1000],
    ['limit(101) gives 101', 101, 101],
  ])('%s', async (_case, limit, expected) => {
    const res = await db.collection(COLL).where({ luke: 'limit-test' }).limit(limit).get()

    expect(res.data).toHaveLength(expected)
  })

  it('gives 100 documents when no limit is set', async () => {
    const res = await db.collection(COLL).where({ luke: 'limit-test' }).get()

    expect(res.data).toHaveLength(100)
  })

  it('caps a limit above 1000 on the service too, whatever the client asks', async () => {
    const answer = await double.handle('database.getDocument', {
      collectionName: COLL,
      queryType: 'WHERE',
      query: JSON.stringify({ luke: 'limit-test' }),
      limit: 5000,
    })

    expect((answer.data as { list: unknown[] }).list).toHaveLength(1000)
  })
})

describe('documents (node-sdk test/database/unit/document.test.ts)', () => {
  it('applies a conditional update atomically: 20 racing where(num ≥ 1).update(inc -1) take exactly 2 (PLATFORM §1; MongoDB single-document atomicity)', async () => {
    const _ = db.command
    const racing = Array.from({ length: 20 }, () =>
      db
        .collection(COLL)
        .where({ _id: '1', num: _.gte(1) })
        .update({ num: _.inc(-1) }),
    )

    const results = (await Promise.all(racing)) as { updated: number }[]

    expect(results.filter((r) => r.updated === 1)).toHaveLength(2)
    expect((await db.collection(COLL).doc('1').get()).data[0].num).toBe(0)
  })

  it('set on a missing document inserts it and says so with upsertedId', async () => {
    const res = await db.collection(COLL).doc('123123123').set({ name: 'jude' })

    expect(res.upsertedId).toBe('123123123')
    expect((await db.collection(COLL).doc('123123123').get()).data).toEqual([
      { _id: '123123123', name: 'jude' },
    ])
  })

  it('set on an existing document replaces it; update merges nested fields and applies operators', async () => {
    await db
      .collection(COLL)
      .doc('1')
      .set({ data: { arr: [1, 2, 3], foo: 123 }, array: [0, 0] })

    const res = await db
      .collection(COLL)
      .doc('1')
      .update({ data: { arr: db.command.push([4]), foo: db.command.inc(1) }, extra: 'x' })

    expect(res.updated).toBe(1)
    expect((await db.collection(COLL).doc('1').get()).data[0]).toEqual({
      _id: '1',
      data: { arr: [1, 2, 3, 4], foo: 124 },
      array: [0, 0],
      extra: 'x',
    })
  })

  it('removing a document that does not exist deletes nothing', async () => {
    const res = await db.collection(COLL).doc('no-such-doc').remove()

    expect(res.deleted).toBeFalsy()
  })

  it('gives {data:[doc]} outside a transaction (and [] for a missing document)', async () => {
    const found = await db.collection(COLL).doc('2').get()
    const missing = await db.collection(COLL).doc('114514').get()

    expect(found.data).toEqual([seed[1]])
    expect(missing.data).toEqual([])
  })

  it('runs a raw MongoDB update when the collection is opened with raw: true', async () => {
    const res = await db
      .collection(COLL)
      .options({ raw: true })
      .where({ category: { $eq: 'Life' } })
      .update({ $set: { category: 'life' } })

    expect(res.updated).toBe(1)
    expect((await db.collection(COLL).doc('3').get()).data[0].category).toBe('life')
  })
})

describe('transactions (node-sdk test/database/unit/transaction.test.ts)', () => {
  it('gives the document itself inside a transaction, and null for a missing one ("get", "get不存在的文档")', async () => {
    const tx = await db.startTransaction()

    const found = await tx.collection(COLL).doc('1').get()
    const missing = await tx.collection(COLL).doc('114514').get()
    await tx.commit()

    expect(found.data).toEqual(seed[0])
    expect(missing.data).toBeNull()
  })

  it("sees its own writes while others still see the committed document ('读快照')", async () => {
    const tx = await db.startTransaction()

    await tx.collection(COLL).doc('1').update({ category: 'update in transaction' })
    const outside = await db.collection(COLL).doc('1').get()
    const inside = await tx.collection(COLL).doc('1').get()
    await tx.rollback()

    expect(outside.data[0]).toEqual(seed[0])
    expect(inside.data).toEqual({ ...seed[0], category: 'update in transaction' })
  })

  it("reads its snapshot after others commit, and then cannot write what changed ('读偏')", async () => {
    const tx = await db.startTransaction()
    await tx.collection(COLL).doc('1').get()
    await db.collection(COLL).doc('1').set({ category: 'wwwwwwwwwwwwwwwww' })
    await db.collection(COLL).doc('2').set({ category: 'hhhhhhhhhhhhhhh' })

    const snapshot1 = await tx.collection(COLL).doc('1').get()
    const snapshot2 = await tx.collection(COLL).doc('2').get()
    const failure = await rejection(
      tx.collection(COLL).doc('1').update({ category: 'transactiontransactiontransaction' }),
    )

    expect(snapshot1.data).toEqual(seed[0])
    expect(snapshot2.data).toEqual(seed[1])
    expect(failure).toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
      message: CONFLICT_MESSAGE,
    })
  })

  it("refuses a write to a document another open transaction has written ('冲突检测')", async () => {
    const tx1 = await db.startTransaction()
    const tx2 = await db.startTransaction()
    const doc = await tx1.collection(COLL).doc('1').get()
    await tx2.collection(COLL).doc('1').update({ category: '冲突检测' })

    const failure = await rejection(
      tx1
        .collection(COLL)
        .doc('1')
        .update({ category: `${doc.data.category}冲突检测` }),
    )
    await tx2.commit()

    expect(failure.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect((await db.collection(COLL).doc('1').get()).data[0].category).toBe('冲突检测')
  })

  it("answers DATABASE_TRANSACTION_FAIL to anything after the commit ('事务提交后, 不能进行其它操作')", async () => {
    const tx = await db.startTransaction()
    await tx.commit()

    const failure = await rejection(tx.collection(COLL).doc('1').set({ category: 'Node.js' }))

    expect(failure).toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
      message: expect.stringContaining('must be commit or abort in 30 seconds'),
    })
  })

  it("undoes a delete on rollback ('delete doc and abort')", async () => {
    const tx = await db.startTransaction()

    const deleted = await tx.collection(COLL).doc('3').delete()
    const inside = await tx.collection(COLL).doc('3').get()
    await tx.rollback()

    expect(deleted.deleted).toBe(1)
    expect(inside.data).toBeNull()
    expect((await db.collection(COLL).doc('3').get()).data[0]).toEqual(seed[2])
  })

  it("inserts with set inside a transaction ('upsert doc')", async () => {
    const tx = await db.startTransaction()

    const res = await tx.collection(COLL).doc('114514').set({ category: 'Node.js' })
    const inside = await tx.collection(COLL).doc('114514').get()
    await tx.rollback()

    expect(res.upserted).toHaveLength(1)
    expect(inside.data).toEqual({ _id: '114514', category: 'Node.js' })
    expect((await db.collection(COLL).doc('114514').get()).data).toEqual([])
  })

  it("adds 1001 documents in one transaction and reads 1000 of them back by a filter ('事务内批量插入1000条文档')", async () => {
    const tx = await db.startTransaction()
    const docs = Array.from({ length: 1001 }, (_, i) => ({ name: `luketest${i}` }))

    const added = await tx.collection(COLL).add(docs)
    const read = await tx
      .collection(COLL)
      .where({ name: db.RegExp({ regexp: '^luketest' }) })
      .limit(1000)
      .get()
    await tx.commit()

    expect(added.ids).toHaveLength(1001)
    expect(read.data).toHaveLength(1000)
  })

  it("resolves runTransaction with the callback's value, and rejects with the reason given to rollback ('runTransaction with customResult', 'rollback within runTransaction')", async () => {
    const value = await db.runTransaction(async (tx: Db) => {
      await tx.collection(COLL).doc('1').get()
      return 'luke'
    })
    const reason = await rejection(
      db.runTransaction(async (tx: Db) => {
        await tx.collection(COLL).doc('1').update({ category: 'gone' })
        await tx.rollback('luke')
      }),
    )

    expect(value).toBe('luke')
    expect(reason).toBe('luke')
    expect((await db.collection(COLL).doc('1').get()).data[0].category).toBe('Web')
  })

  it('applies a filtered update made inside the callback at once, outside the transaction, never rolled back (node-sdk#5; query.js update() sends no transaction id)', async () => {
    await rejection(
      db.runTransaction(async (tx: Db) => {
        await tx.collection(COLL).where({ category: 'Life' }).update({ category: 'escaped' })
        await tx.rollback('undo')
      }),
    )

    expect((await db.collection(COLL).doc('3').get()).data[0].category).toBe('escaped')
  })

  it('counts committed documents only, even inside a transaction (query.js count() sends no transaction id)', async () => {
    const tx = await db.startTransaction()
    await tx.collection(COLL).add({ category: 'Web' })

    const counted = await tx.collection(COLL).where({ category: 'Web' }).count()
    const listed = await tx.collection(COLL).where({ category: 'Web' }).get()
    await tx.rollback()

    expect(counted.total).toBe(2)
    expect(listed.data).toHaveLength(3)
  })
})

describe('limits and errors (CloudBase documentation)', () => {
  it('ends a transaction not committed within 30 s: DATABASE_TRANSACTION_FAIL (docs.cloudbase.net error-code DATABASE_TRANSACTION_FAIL)', async () => {
    const tx = await db.startTransaction()
    await tx.collection(COLL).doc('1').update({ category: 'slow' })

    double.advance(30_001)
    const failure = await rejection(tx.commit())

    expect(failure.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect((await db.collection(COLL).doc('1').get()).data[0].category).toBe('Web')
  })

  it('releases the locks of a transaction that ran out of time, so others may write', async () => {
    const stale = await db.startTransaction()
    await stale.collection(COLL).doc('1').update({ category: 'stale' })
    double.advance(30_001)

    const tx = await db.startTransaction()
    await tx.collection(COLL).doc('1').update({ category: 'fresh' })
    await tx.commit()

    expect((await db.collection(COLL).doc('1').get()).data[0].category).toBe('fresh')
  })

  it('refuses any call on a collection that was never created: DATABASE_COLLECTION_NOT_EXIST (docs.cloudbase.net error-code)', async () => {
    const read = await rejection(db.collection('never_created').where({ a: 1 }).get())
    const write = await rejection(db.collection('never_created').add({ a: 1 }))

    expect(read.code).toBe('DATABASE_COLLECTION_NOT_EXIST')
    expect(write.code).toBe('DATABASE_COLLECTION_NOT_EXIST')
  })

  it('refuses a second document with a taken _id: DATABASE_DUPLICATE_WRITE, E11000 in the message (PLATFORM §1)', async () => {
    const failure = await rejection(db.collection(COLL).add({ _id: '1', category: 'again' }))

    expect(failure.code).toBe('DATABASE_DUPLICATE_WRITE')
    expect(failure.message).toMatch(/E11000/)
  })

  it('refuses a second member with the same openid under the unique index docs/deploy.md creates', async () => {
    await db.collection('members').add({ _id: 'm-1', openid: 'o-1' })

    const failure = await rejection(db.collection('members').add({ _id: 'm-2', openid: 'o-1' }))

    expect(failure.code).toBe('DATABASE_DUPLICATE_WRITE')
    expect(double.documents('members')).toHaveLength(1)
  })

  it('ends the transaction in which an add fails on a duplicate, so its commit fails too (MongoDB aborts a transaction on a write error)', async () => {
    const tx = await db.startTransaction()
    await tx.collection(COLL).doc('2').update({ category: 'changed' })

    const duplicate = await rejection(tx.collection(COLL).add({ _id: '1' }))
    const commit = await rejection(tx.commit())

    expect(duplicate.code).toBe('DATABASE_DUPLICATE_WRITE')
    expect(commit.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect((await db.collection(COLL).doc('2').get()).data[0].category).toBe('Web')
  })

  it('makes a write outside any transaction wait for the lock of a transaction that wrote the document (MongoDB; non-transactional writes block on a transaction lock)', async () => {
    const tx = await db.startTransaction()
    await tx.collection(COLL).doc('1').update({ category: 'from tx' })

    const outside = db.collection(COLL).doc('1').update({ num: 9 })
    await new Promise((resolve) => setImmediate(resolve))
    const beforeCommit = (await db.collection(COLL).doc('1').get()).data[0]
    await tx.commit()
    await outside

    expect(beforeCommit).toEqual(seed[0])
    expect((await db.collection(COLL).doc('1').get()).data[0]).toMatchObject({
      category: 'from tx',
      num: 9,
    })
  })
})

describe('aggregation (@cloudbase/database collection.js aggregate())', () => {
  const pipeline = [{ $group: { _id: '$category', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]

  it('runs a raw pipeline only on a collection opened with raw: true', async () => {
    const res = await db.collection(COLL).options({ raw: true }).aggregate(pipeline).end()

    expect(res.data).toEqual([
      { _id: 'Life', n: 1 },
      { _id: 'Web', n: 2 },
    ])
  })

  it('drops the pipeline given without raw and sends an empty one, which answers the documents', async () => {
    const res = await db.collection(COLL).aggregate(pipeline).end()

    const sent = double.requests.filter((r) => r.action === 'database.aggregateDocuments')
    expect(sent).toHaveLength(1)
    expect(res.data).toEqual(seed)
  })

  it('runs the chained stages of aggregate() (match, group, limit)', async () => {
    const $ = db.command.aggregate

    const res = await db
      .collection(COLL)
      .aggregate()
      .match({ category: 'Web' })
      .group({ _id: '$category', n: $.sum(1) })
      .limit(10)
      .end()

    expect(res.data).toEqual([{ _id: 'Web', n: 2 }])
  })

  // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup: a left
  // outer join with another collection of the same database; an input row lacking localField
  // matches as null.
  it('joins another collection with $lookup (localField/foreignField), a missing field as null', async () => {
    double.createCollection('db-test-owners')
    await db.collection('db-test-owners').add([
      { _id: 'o1', category: 'Web', name: '王' },
      { _id: 'o2', name: '无类别' },
    ])
    const join = {
      $lookup: {
        from: 'db-test-owners',
        localField: 'category',
        foreignField: 'category',
        as: 'o',
      },
    }

    const res = await db
      .collection(COLL)
      .options({ raw: true })
      .aggregate([{ $match: { _id: { $in: ['1', '3'] } } }, join, { $sort: { _id: 1 } }])
      .end()
    const lacking = await db
      .collection('db-test-owners')
      .options({ raw: true })
      .aggregate([
        { $match: { _id: 'o1' } },
        { $project: { _id: 1 } },
        {
          $lookup: {
            from: 'db-test-owners',
            localField: 'nothing',
            foreignField: 'category',
            as: 'o',
          },
        },
      ])
      .end()

    expect(
      res.data.map((r: { _id: string; o: { _id: string }[] }) => [r._id, r.o.map((o) => o._id)]),
    ).toEqual([
      ['1', ['o1']],
      ['3', []],
    ])
    expect(lacking.data[0].o.map((o: { _id: string }) => o._id)).toEqual(['o2'])
  })
})

describe('unique ids outside a transaction (CloudBase documentation: add, DATABASE_DUPLICATE_WRITE)', () => {
  it('lets exactly one of two simultaneous adds of one _id in; the other is a duplicate', async () => {
    const results = await Promise.allSettled([
      db.collection(COLL).add({ _id: 'same', by: 'a' }),
      db.collection(COLL).add({ _id: 'same', by: 'b' }),
    ])

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
  })
})
