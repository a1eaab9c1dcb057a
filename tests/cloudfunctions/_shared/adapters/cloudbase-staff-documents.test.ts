import { COLLECTIONS } from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import { aDoubleBackedStore } from '../../../support/cloudbase/double-store'

/**
 * Staff documents added in the console before staff were managed in the app (docs/deploy.md §7 of
 * old) have no `status` and no `version`: they must go on working, as active accounts at version 1.
 */
describe('a staff document added in the console, before staff were managed in the app', () => {
  const legacy = {
    _id: 'staff-admin-1',
    openid: 'o-legacy-admin',
    name: '张经理',
    role: 'admin',
    createdAt: '2026-11-23T02:00:00.000Z',
  }

  it('reads as an active account at version 1 with no outlet, and can be revoked like any other', async () => {
    const { store, db, cleanup } = aDoubleBackedStore()
    await db.collection(COLLECTIONS.staff).add(legacy)

    const read = await store.read.staff.byOpenid('o-legacy-admin')
    const revoked = await store.transaction((tx) =>
      tx.staff.update({ ...read!, status: 'revoked', version: 2 }),
    )

    expect(read).toEqual({
      id: 'staff-admin-1',
      openid: 'o-legacy-admin',
      name: '张经理',
      role: 'admin',
      site: null,
      status: 'active',
      createdAt: '2026-11-23T02:00:00.000Z',
      version: 1,
    })
    expect(revoked).toEqual({ ok: true })
    expect(await store.read.staff.byId('staff-admin-1')).toMatchObject({
      status: 'revoked',
      version: 2,
    })
    await store.close()
    await cleanup()
  })
})
