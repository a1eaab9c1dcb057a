import type { Store } from '../../../../cloudfunctions/_shared/ports'
import { complaintDueAt, type Complaint } from '@/domain/care/complaint'

/** What the store contract lends these cases: its store, its run-tagged ids and a member. */
export type ComplaintContractKit = {
  store(): Store
  /** An id carrying the run tag, so a shared environment's cleanup finds the row. */
  unique(label: string): string
  /** Inserts a new active member and returns their id. */
  aMember(): Promise<string>
}

/** Far-future instants that grow with each run, so this run's rows sort after any others. */
const laterThanOthers = () => {
  const base = Date.UTC(4100, 0, 1) + Date.now()
  return (second: number) => new Date(base + second * 1000).toISOString()
}

/**
 * The ComplaintRepository's semantics (cloudfunctions/_shared/ports.ts), run by the store
 * contract against every adapter.
 */
export function describeComplaintRepository(kit: ComplaintContractKit): void {
  describe('complaints', () => {
    const save = (complaint: Complaint) =>
      kit.store().transaction((tx) => tx.complaints.save(complaint))

    function aComplaint(memberId: string, overrides: Partial<Complaint> = {}): Complaint {
      const createdAt = overrides.createdAt ?? '2026-11-21T02:00:00.000Z'
      return {
        id: kit.unique('cp'),
        memberId,
        category: 'service',
        text: '店员结账时态度不好',
        photos: ['cloud://env-1.abc/complaints/1.jpg', 'local://0a1b2c.png'],
        createdAt,
        dueAt: complaintDueAt(new Date(createdAt)),
        answer: null,
        answeredBy: null,
        answeredAt: null,
        version: 1,
        ...overrides,
      }
    }

    /** An answer given to a complaint at `at`, saved as its next version. */
    const answered = (complaint: Complaint, at: string): Complaint => ({
      ...complaint,
      answer: '已与门店核实，向您致歉',
      answeredBy: kit.unique('staff'),
      answeredAt: at,
      version: complaint.version + 1,
    })

    it('reads back a saved complaint by id with its photos, and its answer as the next version', async () => {
      const complaint = aComplaint(await kit.aMember())
      const reply = answered(complaint, '2026-11-22T02:00:00.000Z')

      const created = await save(complaint)
      const afterCreate = await kit.store().read.complaints.byId(complaint.id)
      const replied = await save(reply)

      expect([created, replied]).toEqual([{ ok: true }, { ok: true }])
      expect(afterCreate).toEqual(complaint)
      expect(await kit.store().read.complaints.byId(complaint.id)).toEqual(reply)
      expect(await kit.store().read.complaints.byId(kit.unique('cp'))).toBeNull()
    })

    it('keeps a complaint without photos as an empty list', async () => {
      const complaint = aComplaint(await kit.aMember(), { photos: [] })

      await save(complaint)

      expect(await kit.store().read.complaints.byId(complaint.id)).toEqual(complaint)
    })

    it('refuses a stale, a skipped or a repeated first save and keeps the stored complaint', async () => {
      const complaint = aComplaint(await kit.aMember())
      await save(complaint)
      const reply = answered(complaint, '2026-11-22T02:00:00.000Z')
      await save(reply)

      const stale = await save(answered(complaint, '2026-11-23T02:00:00.000Z'))
      const skipped = await save({ ...reply, answer: '改了', version: 4 })
      const repeated = await save({ ...complaint, text: '另一条投诉内容' })

      expect([stale, skipped, repeated]).toEqual(Array(3).fill({ ok: false, conflict: 'version' }))
      expect(await kit.store().read.complaints.byId(complaint.id)).toEqual(reply)
    })

    it('refuses a complaint written through read', async () => {
      const complaint = aComplaint(await kit.aMember())

      const write = kit.store().read.complaints.save(complaint)

      await expect(write).rejects.toBeDefined()
      expect(await kit.store().read.complaints.byId(complaint.id)).toBeNull()
    })

    it("lists a member's complaints newest first, ties by id descending, and nobody else's", async () => {
      const memberId = await kit.aMember()
      const prefix = kit.unique('cp')
      const oldest = aComplaint(memberId, {
        id: `${prefix}-c`,
        createdAt: '2026-11-01T02:00:00.000Z',
      })
      const tiedLow = aComplaint(memberId, {
        id: `${prefix}-a`,
        createdAt: '2026-11-02T02:00:00.000Z',
      })
      const tiedHigh = aComplaint(memberId, {
        id: `${prefix}-b`,
        createdAt: '2026-11-02T02:00:00.000Z',
      })
      const newest = aComplaint(memberId, {
        id: `${prefix}-d`,
        createdAt: '2026-11-03T02:00:00.000Z',
      })
      const elsewhere = aComplaint(await kit.aMember())
      for (const complaint of [tiedLow, newest, elsewhere, oldest, tiedHigh]) await save(complaint)
      await save(answered(newest, '2026-11-04T02:00:00.000Z'))

      const listed = await kit.store().read.complaints.forMember(memberId)

      expect(listed.map((c) => c.id)).toEqual([newest.id, tiedHigh.id, tiedLow.id, oldest.id])
      expect(listed[0]).toMatchObject({ answer: '已与门店核实，向您致歉', version: 2 })
      expect(await kit.store().read.complaints.forMember(await kit.aMember())).toEqual([])
    })

    it('lists open complaints by due time, soonest first, then id, a page at a time, with the total', async () => {
      // Times later than any other run's keep this run's rows last on a shared environment.
      const at = laterThanOthers()
      const before = (await kit.store().read.complaints.list(false, 0, 1)).total
      const memberId = await kit.aMember()
      const prefix = kit.unique('cp')
      // Filed in one order, due in another: the queue follows the due time.
      const last = aComplaint(memberId, { id: `${prefix}-a`, createdAt: at(0), dueAt: at(30) })
      const tiedB = aComplaint(memberId, { id: `${prefix}-c`, createdAt: at(1), dueAt: at(20) })
      const tiedA = aComplaint(memberId, { id: `${prefix}-b`, createdAt: at(2), dueAt: at(20) })
      const replied = aComplaint(memberId, { id: `${prefix}-d`, createdAt: at(3), dueAt: at(10) })
      for (const complaint of [last, tiedB, replied, tiedA]) await save(complaint)
      await save(answered(replied, at(4)))

      const all = await kit.store().read.complaints.list(false, before, 10)
      const second = await kit.store().read.complaints.list(false, before + 1, 1)

      expect(all).toEqual({ items: [tiedA, tiedB, last], total: before + 3 })
      expect(second).toEqual({ items: [tiedB], total: before + 3 })
    })

    it('lists answered complaints newest answer first, then id descending, with the total', async () => {
      // Answers later than any other run's put this run's rows first on a shared environment.
      const at = laterThanOthers()
      const before = (await kit.store().read.complaints.list(true, 0, 1)).total
      const memberId = await kit.aMember()
      const prefix = kit.unique('cp')
      const [firstAsked, tiedA, tiedB, open] = ['d', 'a', 'b', 'c'].map((s, i) =>
        aComplaint(memberId, { id: `${prefix}-${s}`, createdAt: at(i) }),
      ) as [Complaint, Complaint, Complaint, Complaint]
      for (const complaint of [firstAsked, tiedA, tiedB, open]) await save(complaint)
      const earliest = answered(firstAsked, at(10))
      const tiedHigh = answered(tiedB, at(11))
      const tiedLow = answered(tiedA, at(11))
      for (const reply of [tiedLow, earliest, tiedHigh]) await save(reply)

      const all = await kit.store().read.complaints.list(true, 0, 3)
      const second = await kit.store().read.complaints.list(true, 1, 1)

      expect(all).toEqual({ items: [tiedHigh, tiedLow, earliest], total: before + 3 })
      expect(second).toEqual({ items: [tiedLow], total: before + 3 })
    })

    it('counts open complaints due at or before a time, not later ones and not answered ones', async () => {
      const at = laterThanOthers()
      const times = [at(9), at(10), at(19), at(20), at(40)]
      const countAll = () =>
        Promise.all(times.map((now) => kit.store().read.complaints.countOverdue(now)))
      // Other rows of a shared environment count the same before and after: only the change is ours.
      const before = await countAll()
      const memberId = await kit.aMember()
      const dueAt = [at(10), at(20), at(20), at(30)]
      const complaints = dueAt.map((due) => aComplaint(memberId, { createdAt: at(1), dueAt: due }))
      for (const complaint of complaints) await save(complaint)
      await save(answered(complaints[1]!, at(15)))

      const after = await countAll()

      expect(after.map((n, i) => n - before[i]!)).toEqual([0, 1, 1, 2, 3])
    })
  })
}
