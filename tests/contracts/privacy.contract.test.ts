import { fieldErrors } from '@/contracts/define'
import { correctDataInput, registerInput } from '@/contracts/member.contract'
import {
  confirmWithdrawalInput,
  consentInput,
  requestWithdrawalInput,
  withdrawalsInput,
} from '@/contracts/privacy'
import { aRegistration } from '../support/builders'

const messagesOf = (schema: { safeParse(v: unknown): unknown }, value: unknown) => {
  const parsed = schema.safeParse(value) as { success: boolean; error?: never }
  return parsed.success ? {} : fieldErrors(parsed.error!)
}

describe('correctDataInput', () => {
  it('takes any one correctable field, trimmed as at registration', () => {
    const parsed = correctDataInput.safeParse({ shopName: '  建国超市 ' })

    expect(parsed).toMatchObject({ success: true, data: { shopName: '建国超市' } })
  })

  it('asks for at least one field', () => {
    expect(messagesOf(correctDataInput, {})).toEqual({ _: '请至少修改一项资料' })
  })

  it.each([
    ['realName', '王'],
    ['realName', '测试'],
    ['mobile', '12345'],
    ['shopName', '店'],
    ['shopAddress', '南京'],
    ['birthday', '1985-02-30'],
  ])('refuses %s = %p with the registration form’s own message', (field, value) => {
    const registration = { ...aRegistration(), [field]: value }

    const correction = messagesOf(correctDataInput, { [field]: value })

    expect(correction[field]).toBeDefined()
    expect(correction[field]).toBe(messagesOf(registerInput, registration)[field])
  })

  it('refuses the licence number: staff correct it', () => {
    expect(correctDataInput.safeParse({ licenceNo: '320100000001' }).success).toBe(false)
  })
})

describe('the other privacy inputs', () => {
  it('takes a consent version, and refuses an empty one in Chinese', () => {
    expect(consentInput.safeParse({ version: '2026-11' }).success).toBe(true)
    expect(messagesOf(consentInput, { version: '' })).toEqual({
      version: '请阅读并同意最新版会员协议与隐私政策',
    })
  })

  it('takes a withdrawal with or without a reason; a blank reason is no reason', () => {
    expect(requestWithdrawalInput.safeParse({}).success).toBe(true)
    expect(requestWithdrawalInput.safeParse({ reason: '   ' })).toMatchObject({
      success: true,
      data: { reason: undefined },
    })
    expect(messagesOf(requestWithdrawalInput, { reason: '很'.repeat(201) })).toEqual({
      reason: '注销原因为1–200个字',
    })
  })

  it('pages the staff queue and names the request to confirm', () => {
    expect(withdrawalsInput.parse({})).toEqual({ offset: 0, limit: 20 })
    expect(messagesOf(confirmWithdrawalInput, { id: '' })).toEqual({ id: '缺少注销申请编号' })
  })
})
