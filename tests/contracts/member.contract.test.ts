import { fieldErrors } from '@/contracts/define'
import { memberContract, registerInput } from '@/contracts/member.contract'
import { ARRIVAL_CHANNELS } from '@/domain/member/member'
import { CURRENT_POLICY_VERSION } from '@/domain/privacy/policy'
import { aRegistration } from '../support/builders'

/** Parses a registration form with one field replaced (or removed when `undefined`). */
function parseWith(field: string, value: unknown) {
  const form: Record<string, unknown> = { ...aRegistration() }
  if (value === undefined) delete form[field]
  else form[field] = value
  return registerInput.safeParse(form)
}

/** The field-level messages of a refused form. */
function errorsOf(result: ReturnType<typeof registerInput.safeParse>) {
  if (result.success) throw new Error('expected the form to be refused')
  return fieldErrors(result.error)
}

/** The value of one field of an accepted form. */
function parsedField(field: string, value: unknown) {
  const result = parseWith(field, value)
  if (!result.success) throw new Error(JSON.stringify(fieldErrors(result.error)))
  return (result.data as Record<string, unknown>)[field]
}

describe('registerInput', () => {
  it('accepts a complete, valid registration form as it is', () => {
    const form = aRegistration({ referralCode: 'R00001' })

    const result = registerInput.safeParse(form)

    expect(result).toEqual({ success: true, data: form })
  })

  it('needs no referral code and no arrival channel', () => {
    const { referralCode: _code, channel: _channel, ...required } = aRegistration()

    const result = registerInput.safeParse(required)

    expect(result.success).toBe(true)
  })

  it('refuses an empty form with a Chinese message for every required field', () => {
    const result = registerInput.safeParse({})

    expect(errorsOf(result)).toEqual({
      realName: '请填写真实姓名',
      mobile: '请授权或填写手机号',
      shopName: '请填写店铺名称',
      shopAddress: '请填写店铺地址',
      licenceNo: '请填写烟草专卖零售许可证号',
      birthday: '请选择出生日期',
      consentVersion: '请阅读并同意会员协议与隐私政策',
    })
  })

  it('refuses unknown extra fields (the schema is strict)', () => {
    const form = { ...aRegistration(), idCardNo: '320102198506150011' }

    const result = registerInput.safeParse(form)

    expect(result.success).toBe(false)
    expect(Object.keys(errorsOf(result))).toEqual(['_'])
  })

  it('reports only the wrong field when one field is wrong', () => {
    const result = parseWith('mobile', '12345')

    expect(errorsOf(result)).toEqual({ mobile: '请填写11位大陆手机号' })
  })

  describe('realName', () => {
    it.each(['王建国', '李秀英', '欧阳娜娜', '阿卜杜·热合曼', '张伟', '迪丽热巴·迪力木拉提'])(
      'accepts the real name %s',
      (name) => {
        expect(parsedField('realName', name)).toBe(name)
      },
    )

    it('trims spaces around the name', () => {
      expect(parsedField('realName', '  王建国 \t')).toBe('王建国')
    })

    it.each([
      ['王二', 'exactly 2 characters'],
      ['欧阳' + '娜'.repeat(18), 'exactly 20 characters'],
    ])('accepts a name of %s (%s)', (name) => {
      expect(parsedField('realName', name)).toBe(name)
    })

    it.each([
      ['王', 'one character'],
      ['欧阳' + '娜'.repeat(19), '21 characters'],
      ['  王  ', 'one character once trimmed'],
      ['', 'empty'],
      ['   ', 'only spaces'],
    ])('refuses %p (%s): a name is 2–20 characters', (name) => {
      expect(errorsOf(parseWith('realName', name))).toEqual({ realName: '姓名为2–20个字' })
    })

    it.each(['测试', 'test', '某某某', '老板', '12345', '···', 'XXX', '啊啊啊'])(
      'refuses the placeholder %p',
      (name) => {
        expect(errorsOf(parseWith('realName', name))).toEqual({ realName: '请填写真实姓名' })
      },
    )

    it.each([undefined, null, 123])('asks for the name when it is %p', (value) => {
      expect(errorsOf(parseWith('realName', value))).toEqual({ realName: '请填写真实姓名' })
    })
  })

  describe('mobile', () => {
    it.each(['13912345678', '15000000000', '18612345678', '19912345678'])(
      'accepts the mainland mobile %s',
      (mobile) => {
        expect(parsedField('mobile', mobile)).toBe(mobile)
      },
    )

    it('trims spaces around the mobile', () => {
      expect(parsedField('mobile', ' 13912345678 ')).toBe('13912345678')
    })

    it.each([
      ['1391234567', '10 digits'],
      ['139123456789', '12 digits'],
      ['12912345678', 'second digit below 3'],
      ['23912345678', 'not starting with 1'],
      ['139-1234-5678', 'with dashes'],
      ['139 1234 5678', 'with inner spaces'],
      ['+8613912345678', 'with the country code'],
      ['1391234567a', 'with a letter'],
      ['', 'empty'],
    ])('refuses %p (%s)', (mobile) => {
      expect(errorsOf(parseWith('mobile', mobile))).toEqual({ mobile: '请填写11位大陆手机号' })
    })

    it('asks for the mobile, or WeChat authorisation of it, when there is neither', () => {
      expect(errorsOf(parseWith('mobile', undefined))).toEqual({ mobile: '请授权或填写手机号' })
    })

    it.each([null, 13912345678])('asks for the mobile as text when it is %p', (value) => {
      expect(errorsOf(parseWith('mobile', value))).toEqual({ mobile: '请填写手机号' })
    })

    it('accepts a WeChat phone code instead of a typed mobile', () => {
      const { mobile: _typed, ...form } = aRegistration()

      expect(registerInput.safeParse({ ...form, phoneCode: 'code-from-wechat' }).success).toBe(true)
    })
  })

  describe('shopName', () => {
    it.each(['超市', '建国便利店', '店'.repeat(40)])('accepts %p (2–40 characters)', (name) => {
      expect(parsedField('shopName', name)).toBe(name)
    })

    it('trims spaces around the shop name', () => {
      expect(parsedField('shopName', '  建国便利店  ')).toBe('建国便利店')
    })

    it.each(['店', '店'.repeat(41), ' 店 ', ''])(
      'refuses %p: a shop name is 2–40 characters',
      (name) => {
        expect(errorsOf(parseWith('shopName', name))).toEqual({ shopName: '店铺名称为2–40个字' })
      },
    )

    it.each([undefined, null])('asks for the shop name when it is %p', (value) => {
      expect(errorsOf(parseWith('shopName', value))).toEqual({ shopName: '请填写店铺名称' })
    })
  })

  describe('shopAddress', () => {
    it.each(['鼓楼区中山', '江苏省南京市鼓楼区中山路100号', '路'.repeat(100)])(
      'accepts %p (5–100 characters)',
      (address) => {
        expect(parsedField('shopAddress', address)).toBe(address)
      },
    )

    it('trims spaces around the shop address', () => {
      expect(parsedField('shopAddress', ' 南京市中山路100号\n')).toBe('南京市中山路100号')
    })

    it.each(['中山路1', '路'.repeat(101), '  中山路1  ', ''])(
      'refuses %p: an address is 5–100 characters',
      (address) => {
        expect(errorsOf(parseWith('shopAddress', address))).toEqual({
          shopAddress: '店铺地址为5–100个字',
        })
      },
    )

    it.each([undefined, null])('asks for the shop address when it is %p', (value) => {
      expect(errorsOf(parseWith('shopAddress', value))).toEqual({ shopAddress: '请填写店铺地址' })
    })
  })

  describe('licenceNo', () => {
    it.each([
      ['320100001234', '320100001234'],
      ['3201 0000 1234', '320100001234'],
      ['  320100001234  ', '320100001234'],
      ['3201\u30000000\u30001234', '320100001234'],
      ['ab12cd34', 'AB12CD34'],
      ['a b 1 2 c d 3 4', 'AB12CD34'],
      ['12345678', '12345678'],
      ['1'.repeat(20), '1'.repeat(20)],
    ])('accepts %p as %p: spaces removed, letters in upper case', (licence, expected) => {
      expect(parsedField('licenceNo', licence)).toBe(expected)
    })

    it.each([
      ['1234567', '7 characters'],
      ['1'.repeat(21), '21 characters'],
      ['3201-0000-1234', 'with dashes'],
      ['苏320100001234', 'with a Chinese character'],
      ['', 'empty'],
      ['   ', 'only spaces'],
    ])('refuses %p (%s): 8–20 digits or letters', (licence) => {
      expect(errorsOf(parseWith('licenceNo', licence))).toEqual({
        licenceNo: '许可证号为8–20位数字或字母',
      })
    })

    it.each([undefined, null, 320100001234])(
      'asks for the licence number when it is %p',
      (value) => {
        expect(errorsOf(parseWith('licenceNo', value))).toEqual({
          licenceNo: '请填写烟草专卖零售许可证号',
        })
      },
    )
  })

  describe('birthday', () => {
    it.each(['1985-06-15', '2000-02-29', '2008-11-23'])('accepts the calendar date %s', (day) => {
      expect(parsedField('birthday', day)).toBe(day)
    })

    it.each(['2025-02-29', '1985-02-30', '1985-13-01', '1985/06/15', '85-06-15', '1985-6-5'])(
      'refuses %p, not a real YYYY-MM-DD date',
      (day) => {
        expect(errorsOf(parseWith('birthday', day))).toEqual({
          birthday: '请选择正确的出生日期（年-月-日）',
        })
      },
    )

    it.each([undefined, null, 19850615, ''])('asks for the birthday when it is %p', (value) => {
      expect(errorsOf(parseWith('birthday', value))).toEqual({ birthday: '请选择出生日期' })
    })
  })

  describe('consentVersion', () => {
    it('accepts the consented policy version', () => {
      expect(parsedField('consentVersion', CURRENT_POLICY_VERSION)).toBe(CURRENT_POLICY_VERSION)
    })

    it.each([undefined, null, '', 'v'.repeat(33)])(
      'asks the applicant to read and accept the policy when the version is %p',
      (value) => {
        expect(errorsOf(parseWith('consentVersion', value))).toEqual({
          consentVersion: '请阅读并同意会员协议与隐私政策',
        })
      },
    )
  })

  describe('referralCode', () => {
    it.each([
      ['R00001', 'R00001'],
      ['r0000a', 'R0000A'],
      ['  R1B2C3  ', 'R1B2C3'],
    ])('accepts %p as %p: trimmed, in upper case', (code, expected) => {
      expect(parsedField('referralCode', code)).toBe(expected)
    })

    it.each(['', '   ', undefined])('treats %p as no referral code', (code) => {
      const result = parseWith('referralCode', code)

      expect(result.success).toBe(true)
      expect(result.data?.referralCode).toBeUndefined()
    })

    it.each([
      ['X00001', 'not starting with R'],
      ['R0001', 'too short'],
      ['R000001', 'too long'],
      ['R00-01', 'with a dash'],
      ['R 0001', 'with an inner space'],
    ])('refuses %p (%s)', (code) => {
      expect(errorsOf(parseWith('referralCode', code))).toEqual({
        referralCode: '推荐码为R开头的6位字符',
      })
    })

    it('refuses a referral code that is not text, under its field', () => {
      expect(Object.keys(errorsOf(parseWith('referralCode', 100001)))).toEqual(['referralCode'])
    })
  })

  describe('text others see: realName, shopName, shopAddress', () => {
    const valid = {
      realName: '王建国',
      shopName: '建国便利店',
      shopAddress: '南京市鼓楼区中山路1号',
    }
    const labels = { realName: '姓名', shopName: '店铺名称', shopAddress: '店铺地址' }
    const fields = Object.keys(valid) as (keyof typeof valid)[]

    it.each(
      fields.flatMap((field) =>
        [
          ['a right-to-left override', '\u202E'],
          ['a zero-width space', '\u200B'],
          ['a NUL', '\u0000'],
          ['a line break', '\n'],
        ].map(([name, char]) => [field, name, char] as const),
      ),
    )('refuses %s holding %s, under its field, before its length', (field, _name, char) => {
      const value = valid[field].slice(0, 1) + char + valid[field].slice(1)

      expect(errorsOf(parseWith(field, value))).toEqual({
        [field]: `${labels[field]}含有不可见或无法显示的字符，请删除后重新填写`,
      })
    })

    it.each(fields)(
      'refuses %s made of a single hidden character with that message too',
      (field) => {
        expect(errorsOf(parseWith(field, '\u202E'))).toEqual({
          [field]: `${labels[field]}含有不可见或无法显示的字符，请删除后重新填写`,
        })
      },
    )

    it.each(fields)('stores %s in composed form (NFC)', (field) => {
      const decomposed = `${valid[field]}Cafe\u0301`

      expect(parsedField(field, decomposed)).toBe(`${valid[field]}Caf\u00E9`)
    })

    it('accepts a name that starts like a spreadsheet formula: exports write it as text', () => {
      expect(parsedField('realName', '@SUM(1,2)')).toBe('@SUM(1,2)')
    })
  })

  describe('channel', () => {
    it.each([...ARRIVAL_CHANNELS])('accepts the arrival channel %s', (channel) => {
      expect(parsedField('channel', channel)).toBe(channel)
    })

    it.each(['tv', 'OA_MENU', '', null, 1])('refuses the unknown channel %p', (channel) => {
      expect(errorsOf(parseWith('channel', channel))).toEqual({ channel: '来源渠道不正确' })
    })
  })
})

describe('memberContract', () => {
  it('makes register a mutating action (it needs a request id) and me a read', () => {
    expect(memberContract.name).toBe('member')
    expect(memberContract.actions.register).toEqual({
      input: registerInput,
      mutating: true,
      limit: 'registration',
      userText: { scene: 'profile', fields: ['realName', 'shopName', 'shopAddress'] },
    })
    expect(memberContract.actions.me.mutating).toBe(false)
  })

  it('takes no payload fields for me', () => {
    const me = memberContract.actions.me.input

    expect(me.safeParse({}).success).toBe(true)
    expect(me.safeParse({ openid: 'o_someone_else' }).success).toBe(false)
  })
})
