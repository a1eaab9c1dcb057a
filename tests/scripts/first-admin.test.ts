import {
  cloudbaseStore,
  type CloudbaseDb,
} from '../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-store'
import { COLLECTIONS } from '../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import { createDeps } from '../../cloudfunctions/_shared/deps'
import { acceptStaffInvite } from '../../cloudfunctions/_shared/use-cases/accept-staff-invite'
import { inviteCodeHash } from '../../cloudfunctions/_shared/staff-invite-codes'
import { firstAdmin, parseFirstAdminArgs } from '../../scripts/first-admin'
import { aPreparedDouble } from '../support/cloudbase/double-store'
import type { CloudbaseDatabaseDouble } from '../support/cloudbase/database-double'
import { installDatabaseDouble } from '../support/cloudbase/sdk-seam'
import { TEST_DATA_KEY } from '../support/test-deps'

const ENV = { TCB_ENV_ID: 'env-first-admin', TCB_SECRET_ID: 'AKIDdouble', TCB_SECRET_KEY: 'key' }

const output = () => {
  const lines: string[] = []
  return {
    text: () => lines.join('\n'),
    log: (l: string) => lines.push(l),
    error: (l: string) => lines.push(l),
  }
}

const codeIn = (text: string) => /邀请码\s+([0-9A-Z-]{23})/.exec(text)?.[1] ?? ''

describe('npm run cloud:first-admin', () => {
  let double: CloudbaseDatabaseDouble
  let uninstall: () => void
  beforeEach(() => {
    double = aPreparedDouble()
    uninstall = installDatabaseDouble(double, ENV.TCB_ENV_ID)
  })
  afterEach(() => uninstall())

  it('writes one admin invite (its hash, never the code) and prints the code once', async () => {
    const out = output()

    const code = await firstAdmin(ENV, ['--name', '刘经理'], out)

    expect(code).toBe(0)
    const printed = codeIn(out.text())
    expect(printed).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/)
    const invites = double.documents(COLLECTIONS.staffInvites)
    expect(invites).toEqual([
      expect.objectContaining({
        role: 'admin',
        name: '刘经理',
        status: 'open',
        createdBy: 'system',
        codeHash: inviteCodeHash(printed.replace(/-/g, '')),
      }),
    ])
    expect(JSON.stringify(double.documents(COLLECTIONS.staffInvites))).not.toContain(
      printed.replace(/-/g, ''),
    )
    expect(double.documents(COLLECTIONS.audit)).toEqual([
      expect.objectContaining({ action: 'staff.invite', actorId: 'system' }),
    ])
  })

  it('makes an admin of whoever accepts the printed code in the app, and then refuses to run again', async () => {
    const out = output()
    await firstAdmin(ENV, ['--name=刘经理'], out)
    const db = (await import('@cloudbase/node-sdk')).init({ env: ENV.TCB_ENV_ID }).database()
    const deps = createDeps(cloudbaseStore(db as unknown as CloudbaseDb), {
      CLUB_DATA_KEY: TEST_DATA_KEY,
    })
    const accepted = await acceptStaffInvite(
      deps,
      { openid: 'o_first_admin', unionid: null },
      { code: codeIn(out.text()).replace(/-/g, '') },
      'req-first-admin-1',
    )
    const again = output()

    const second = await firstAdmin(ENV, ['--name', '王经理'], again)

    expect(accepted).toMatchObject({ ok: true, data: { role: 'admin', name: '刘经理' } })
    expect(second).toBe(1)
    expect(again.text()).toContain('already has an active admin: 刘经理')
    expect(double.documents(COLLECTIONS.staffInvites)).toHaveLength(1)
  })

  it('asks for the credentials and the name before touching anything', async () => {
    const noKey = output()
    const noName = output()

    expect(await firstAdmin({ TCB_ENV_ID: 'env-first-admin' }, ['--name', '刘经理'], noKey)).toBe(1)
    expect(await firstAdmin(ENV, [], noName)).toBe(1)

    expect(noKey.text()).toContain('missing TCB_SECRET_ID, TCB_SECRET_KEY')
    expect(noName.text()).toContain("the admin's name is missing")
    expect(double.documents(COLLECTIONS.staffInvites)).toEqual([])
  })

  it.each([
    [['--name', '刘'], '姓名为2–20个字'],
    [['--name', '刘经理', '--role', 'clerk'], 'unknown argument --role'],
  ])('refuses the arguments %j', (args, message) => {
    expect(parseFirstAdminArgs(args)).toMatchObject({
      ok: false,
      message: expect.stringContaining(message),
    })
  })
})
