import {
  listAllItems,
  saveRewardItem,
} from '../../../../cloudfunctions/_shared/use-cases/manage-catalogue'
import { callerOf } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('saveRewardItem', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps()))
  afterEach(() => t.cleanup())

  const newItem = {
    name: '精品茶具',
    imageUrl: null,
    pointsPrice: 12_000,
    stock: 10,
    faceValueFen: null,
    availableFrom: null,
    availableUntil: null,
    active: true,
  }

  it('adds a reward and lists it for the admin, audited', async () => {
    const admin = await addStaff(t.deps, 'admin')

    const saved = await saveRewardItem(t.deps, callerOf(admin.openid), newItem, newRequestId())

    expect(saved).toMatchObject({ ok: true, data: { name: '精品茶具', version: 1 } })
    const all = await listAllItems(t.deps, callerOf(admin.openid))
    expect(all.ok && all.data.map((i) => i.name)).toEqual(['精品茶具'])
    const id = saved.ok ? saved.data.id : ''
    expect(await t.deps.store.read.audit.forTarget('reward_item', id)).toEqual([
      expect.objectContaining({ action: 'catalogue.create', actorId: admin.id }),
    ])
  })

  it('refuses an edit made from an old version instead of overwriting a newer one', async () => {
    const admin = await addStaff(t.deps, 'admin')
    const saved = await saveRewardItem(t.deps, callerOf(admin.openid), newItem, newRequestId())
    const id = saved.ok ? saved.data.id : ''
    await saveRewardItem(
      t.deps,
      callerOf(admin.openid),
      { ...newItem, id, version: 1, stock: 20 },
      newRequestId(),
    )

    const stale = await saveRewardItem(
      t.deps,
      callerOf(admin.openid),
      { ...newItem, id, version: 1, stock: 99 },
      newRequestId(),
    )

    expect(stale).toMatchObject({ ok: false, error: { code: 'SYS.CONFLICT' } })
    expect((await t.deps.store.read.catalogue.byId(id))?.stock).toBe(20)
  })

  it('lets only admins manage the catalogue', async () => {
    const clerk = await addStaff(t.deps, 'clerk')

    const result = await saveRewardItem(t.deps, callerOf(clerk.openid), newItem, newRequestId())

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})
