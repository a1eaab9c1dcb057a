import type { Store } from '../../../../cloudfunctions/_shared/ports'
import type { PhotoUpload } from '@/domain/care/photo-upload'

/** What the store contract lends these cases: its store and its run-tagged ids. */
export type PhotoUploadContractKit = {
  store(): Store
  /** An id carrying the run tag, so a shared environment's cleanup finds the row. */
  unique(label: string): string
}

/**
 * The PhotoUploadRepository's semantics (cloudfunctions/_shared/ports.ts), run by the store
 * contract against every adapter. Every case uses an uploader of its own, so rows of other runs
 * on a shared environment never count.
 */
export function describePhotoUploadRepository(kit: PhotoUploadContractKit): void {
  describe('photoUploads', () => {
    const save = (upload: PhotoUpload) =>
      kit.store().transaction((tx) => tx.photoUploads.save(upload))

    function anUpload(overrides: Partial<PhotoUpload> = {}): PhotoUpload {
      return {
        id: `local://${kit.unique('ph')}.png`,
        ownerMemberId: kit.unique('m'),
        bytes: 1024,
        createdAt: '2026-11-21T02:00:00.000Z',
        complaintId: null,
        check: 'pending',
        checkTraceId: null,
        version: 1,
        ...overrides,
      }
    }

    it('reads back a saved photo by id, and the complaint that took it as the next version', async () => {
      const upload = anUpload()
      const filed = { ...upload, complaintId: kit.unique('cp'), version: 2 }

      const created = await save(upload)
      const afterCreate = await kit.store().read.photoUploads.byId(upload.id)
      const attached = await save(filed)

      expect([created, attached]).toEqual([{ ok: true }, { ok: true }])
      expect(afterCreate).toEqual(upload)
      expect(await kit.store().read.photoUploads.byId(upload.id)).toEqual(filed)
      expect(await kit.store().read.photoUploads.byId(`local://${kit.unique('ph')}.png`)).toBeNull()
    })

    it('keeps a CloudBase fileID, slashes and all, as its own id', async () => {
      const fileId = `cloud://env-1.636c-env-1-1250000000/complaints/${kit.unique('f')}.jpg`
      const upload = anUpload({ id: fileId, bytes: 0 })

      await save(upload)

      expect(await kit.store().read.photoUploads.byId(fileId)).toEqual(upload)
      expect(await kit.store().read.photoUploads.byId(fileId.replace('.jpg', '.png'))).toBeNull()
    })

    it('refuses a second first save and a stale one, keeping the stored photo', async () => {
      const upload = anUpload()
      await save(upload)
      const filed = { ...upload, complaintId: kit.unique('cp'), version: 2 }
      await save(filed)

      const repeated = await save({ ...upload, ownerMemberId: kit.unique('m') })
      const stale = await save({ ...upload, complaintId: kit.unique('cp'), version: 2 })

      expect([repeated, stale]).toEqual(Array(2).fill({ ok: false, conflict: 'version' }))
      expect(await kit.store().read.photoUploads.byId(upload.id)).toEqual(filed)
    })

    it('refuses a photo written through read', async () => {
      const upload = anUpload()

      await expect(kit.store().read.photoUploads.save(upload)).rejects.toBeDefined()
      await expect(kit.store().read.photoUploads.remove(upload.id)).rejects.toBeDefined()
      expect(await kit.store().read.photoUploads.byId(upload.id)).toBeNull()
    })

    it("counts an uploader's photos and bytes from a time on, filed or not, nobody else's", async () => {
      const owner = kit.unique('m')
      const at = (hour: number) => `2026-11-21T${String(hour).padStart(2, '0')}:00:00.000Z`
      await save(anUpload({ ownerMemberId: owner, createdAt: at(1), bytes: 100 }))
      await save(anUpload({ ownerMemberId: owner, createdAt: at(2), bytes: 200 }))
      await save(
        anUpload({
          ownerMemberId: owner,
          createdAt: at(3),
          bytes: 400,
          complaintId: 'c',
          version: 1,
        }),
      )
      await save(anUpload({ createdAt: at(3), bytes: 800 }))

      const read = kit.store().read.photoUploads
      const counts = [
        await read.usageSince(owner, at(0)),
        await read.usageSince(owner, at(2)),
        await read.usageSince(owner, at(4)),
        await read.usageSince(kit.unique('m'), at(0)),
      ]

      expect(counts).toEqual([
        { photos: 3, bytes: 700 },
        { photos: 2, bytes: 600 },
        { photos: 0, bytes: 0 },
        { photos: 0, bytes: 0 },
      ])
    })

    it("lists an uploader's unfiled photos from before a time, oldest first, and deletes one", async () => {
      const owner = kit.unique('m')
      const at = (hour: number) => `2026-11-21T${String(hour).padStart(2, '0')}:00:00.000Z`
      const second = anUpload({ ownerMemberId: owner, createdAt: at(2) })
      const first = anUpload({ ownerMemberId: owner, createdAt: at(1) })
      const filed = anUpload({ ownerMemberId: owner, createdAt: at(1), complaintId: 'c' })
      const later = anUpload({ ownerMemberId: owner, createdAt: at(5) })
      const elsewhere = anUpload({ createdAt: at(1) })
      for (const upload of [second, first, filed, later, elsewhere]) await save(upload)

      const listed = await kit.store().read.photoUploads.unattachedBefore(owner, at(5))
      await kit.store().transaction((tx) => tx.photoUploads.remove(first.id))
      await kit.store().transaction((tx) => tx.photoUploads.remove(kit.unique('none')))

      expect(listed).toEqual([first, second])
      expect(await kit.store().read.photoUploads.byId(first.id)).toBeNull()
      expect(await kit.store().read.photoUploads.unattachedBefore(owner, at(5))).toEqual([second])
    })

    it('finds the photo awaiting a media-check verdict by its trace id, inside a transaction too, and no longer once judged', async () => {
      const traceId = kit.unique('trace')
      const awaiting = anUpload({ complaintId: kit.unique('cp'), checkTraceId: traceId })
      await save(awaiting)
      await save(anUpload({ complaintId: kit.unique('cp'), checkTraceId: kit.unique('trace') }))

      const read = await kit.store().read.photoUploads.byCheckTrace(traceId)
      const inTx = await kit.store().transaction((tx) => tx.photoUploads.byCheckTrace(traceId))
      const judged = { ...awaiting, check: 'risky' as const, checkTraceId: null, version: 2 }
      await save(judged)

      expect([read, inTx]).toEqual([awaiting, awaiting])
      expect(await kit.store().read.photoUploads.byCheckTrace(traceId)).toBeNull()
      expect(await kit.store().read.photoUploads.byCheckTrace(kit.unique('trace'))).toBeNull()
      expect(await kit.store().read.photoUploads.byId(awaiting.id)).toEqual(judged)
    })
  })
}
