import { correctionAudit, correctMember } from '@/domain/privacy/correction'
import { aMember } from '../../support/builders'

const NOW = new Date('2026-11-23T02:00:00.000Z')

describe('correctMember', () => {
  const member = aMember({
    status: 'active',
    realName: '王建国',
    mobile: '13912345678',
    shopName: '建国便利店',
    shopAddress: '江苏省南京市鼓楼区中山路100号',
    birthday: '1985-06-15',
    createdAt: '2026-11-20T02:00:00.000Z',
    version: 3,
  })

  it('changes the fields that differ, one version up', () => {
    const corrected = correctMember(member, { realName: '王建军', shopName: '建国便利店' }, NOW)

    expect(corrected).toMatchObject({
      ok: true,
      data: {
        changed: ['realName'],
        member: { realName: '王建军', shopName: '建国便利店', version: 4 },
      },
    })
    if (corrected.ok) expect(corrected.data.member.updatedAt).toBe(NOW.toISOString())
  })

  it('changes nothing (same version) when every value is already so', () => {
    const corrected = correctMember(member, { realName: '王建国', mobile: '13912345678' }, NOW)

    expect(corrected).toEqual({ ok: true, data: { member, changed: [] } })
  })

  it('never touches the licence number', () => {
    const corrected = correctMember(
      member,
      { mobile: '13800000000', licenceNo: '999999999' } as never,
      NOW,
    )

    expect(corrected.ok && corrected.data.member.licenceNo).toBe(member.licenceNo)
    expect(corrected.ok && corrected.data.changed).toEqual(['mobile'])
  })

  it('keeps the registration age rule: 18 on the day of registering', () => {
    const tooYoung = correctMember(member, { birthday: '2008-11-21' }, NOW)
    const justEighteen = correctMember(member, { birthday: '2008-11-20' }, NOW)

    expect(tooYoung).toMatchObject({
      ok: false,
      error: { code: 'MEMBER.UNDERAGE', fields: { birthday: expect.any(String) } },
    })
    expect(justEighteen.ok).toBe(true)
  })

  it.each(['cancelled', 'withdrawn'] as const)('refuses a %s account', (status) => {
    expect(correctMember({ ...member, status }, { realName: '王建军' }, NOW)).toMatchObject({
      ok: false,
      error: { code: 'PRIVACY.ACCOUNT_CLOSED' },
    })
  })
})

describe('correctionAudit', () => {
  it('keeps the changed fields only, each masked', () => {
    const before = aMember({
      realName: '王建国',
      mobile: '13912345678',
      shopAddress: '江苏省南京市鼓楼区中山路100号',
      birthday: '1985-06-15',
    })
    const after = {
      ...before,
      realName: '王建军',
      mobile: '13800001111',
      shopAddress: '江苏省南京市玄武区北京东路1号',
      birthday: '1985-07-01',
    }

    const audit = correctionAudit(before, after, ['realName', 'mobile', 'shopAddress', 'birthday'])

    expect(audit).toEqual({
      before: {
        realName: '王**',
        mobile: '139****5678',
        shopAddress: '江苏省南京市****',
        birthday: '1985-**-**',
      },
      after: {
        realName: '王**',
        mobile: '138****1111',
        shopAddress: '江苏省南京市****',
        birthday: '1985-**-**',
      },
    })
    expect(JSON.stringify(audit)).not.toMatch(/建国|建军|12345678|00001111|鼓楼|玄武/)
  })
})
