import { fieldErrors } from '@/contracts/define'
import {
  acceptStaffInviteInput,
  changeStaffRoleInput,
  changeStaffSiteInput,
  inviteStaffInput,
  revokeStaffInput,
} from '@/contracts/staff'
import type { z } from 'zod'

function errorsOf(result: z.ZodSafeParseResult<unknown>) {
  if (result.success) throw new Error('expected the input to be refused')
  return fieldErrors(result.error)
}

describe('inviteStaffInput', () => {
  it('takes a staff role and the invitee’s name, trimmed', () => {
    const result = inviteStaffInput.safeParse({ role: 'clerk', name: '  陈晓 ' })

    expect(result).toEqual({ success: true, data: { role: 'clerk', name: '陈晓', site: null } })
  })

  it('takes the outlet (门店) a clerk works at, trimmed; blank means none', () => {
    const withSite = inviteStaffInput.safeParse({ role: 'clerk', name: '陈晓', site: ' 鼓楼门店 ' })
    const blank = inviteStaffInput.safeParse({ role: 'clerk', name: '陈晓', site: '  ' })

    expect(withSite).toEqual({
      success: true,
      data: { role: 'clerk', name: '陈晓', site: '鼓楼门店' },
    })
    expect(blank).toEqual({ success: true, data: { role: 'clerk', name: '陈晓', site: null } })
  })

  it.each([
    ['member', { role: 'member', name: '陈晓' }, 'role', '请选择角色'],
    ['a missing name', { role: 'admin' }, 'name', '请填写姓名'],
    ['a one-character name', { role: 'admin', name: '陈' }, 'name', '姓名为2–20个字'],
    [
      'a one-character outlet',
      { role: 'clerk', name: '陈晓', site: '店' },
      'site',
      '门店为2–30个字',
    ],
    [
      'an outlet of 31 characters',
      { role: 'clerk', name: '陈晓', site: '店'.repeat(31) },
      'site',
      '门店为2–30个字',
    ],
  ])('refuses %s with a field message', (_case, payload, field, message) => {
    expect(errorsOf(inviteStaffInput.safeParse(payload))[field]).toBe(message)
  })
})

describe('acceptStaffInviteInput', () => {
  it('reads a typed code in any case, with or without dashes and spaces', () => {
    const result = acceptStaffInviteInput.safeParse({ code: ' abcde-fghjk mnpqr-stvwx ' })

    expect(result).toEqual({ success: true, data: { code: 'ABCDEFGHJKMNPQRSTVWX' } })
  })

  it.each([
    ['nothing', '', '请输入邀请码'],
    ['too short a code', 'ABCDE-FGHJK', '邀请码为20位字母或数字，请核对'],
    ['a member card code', 'RCC1.860000000017.1.1.abc', '邀请码为20位字母或数字，请核对'],
  ])('refuses %s', (_case, code, message) => {
    expect(errorsOf(acceptStaffInviteInput.safeParse({ code })).code).toBe(message)
  })
})

describe('changeStaffSiteInput', () => {
  it('takes an outlet of 2–30 characters, trimmed, or none when left blank, with a reason', () => {
    const parse = (site: unknown) =>
      changeStaffSiteInput.safeParse({ staffId: 's-1', site, reason: '调往夫子庙店' })

    expect(parse(' 秦淮夫子庙门店 ')).toMatchObject({
      success: true,
      data: { site: '秦淮夫子庙门店' },
    })
    expect(parse('  ')).toMatchObject({ success: true, data: { site: null } })
    expect(errorsOf(parse('店')).site).toBe('门店为2–30个字')
    expect(
      errorsOf(changeStaffSiteInput.safeParse({ staffId: 's-1', site: '鼓楼店' })).reason,
    ).toBe('请填写原因')
  })
})

describe('changeStaffRoleInput and revokeStaffInput', () => {
  it('need a reason of 2–200 characters', () => {
    expect(errorsOf(changeStaffRoleInput.safeParse({ staffId: 's-1', role: 'admin' })).reason).toBe(
      '请填写原因',
    )
    expect(errorsOf(revokeStaffInput.safeParse({ staffId: 's-1', reason: '走' })).reason).toBe(
      '原因为2–200个字',
    )
  })
})
