import {
  adminContract,
  approveRegistrationInput,
  registrationsInput,
  rejectRegistrationInput,
} from '@/contracts/admin.contract'
import { fieldErrors } from '@/contracts/define'
import type { z } from 'zod'

function errorsOf(result: z.ZodSafeParseResult<unknown>) {
  if (result.success) throw new Error('expected the input to be refused')
  return fieldErrors(result.error)
}

describe('rejectRegistrationInput', () => {
  it('accepts a member id and a reason the applicant will see', () => {
    const input = { memberId: 'm-1', reason: '许可证号与店铺名称不一致' }

    const result = rejectRegistrationInput.safeParse(input)

    expect(result).toEqual({ success: true, data: input })
  })

  it('trims spaces around the reason', () => {
    const result = rejectRegistrationInput.safeParse({ memberId: 'm-1', reason: '  信息不全 \n' })

    expect(result).toEqual({ success: true, data: { memberId: 'm-1', reason: '信息不全' } })
  })

  it.each([
    ['有误', 'exactly 2 characters'],
    ['误'.repeat(200), 'exactly 200 characters'],
    [`  ${'误'.repeat(200)}  `, '200 characters once trimmed'],
  ])('accepts a reason of %s', (reason) => {
    const result = rejectRegistrationInput.safeParse({ memberId: 'm-1', reason })

    expect(result.success).toBe(true)
  })

  it.each([
    ['误', 'one character'],
    ['误'.repeat(201), '201 characters'],
    ['  误  ', 'one character once trimmed'],
    ['', 'empty'],
    ['    ', 'only spaces'],
  ])('refuses the reason %p (%s): a reason is 2–200 characters', (reason) => {
    const result = rejectRegistrationInput.safeParse({ memberId: 'm-1', reason })

    expect(errorsOf(result)).toEqual({ reason: '驳回原因为2–200个字' })
  })

  it.each([undefined, null, 42])('asks for a reason when it is %p', (reason) => {
    const result = rejectRegistrationInput.safeParse({ memberId: 'm-1', reason })

    expect(errorsOf(result)).toEqual({ reason: '请填写驳回原因' })
  })

  it('refuses an empty member id', () => {
    const result = rejectRegistrationInput.safeParse({ memberId: '', reason: '信息不全' })

    expect(errorsOf(result)).toEqual({ memberId: '缺少会员编号' })
  })

  it('refuses unknown extra fields (the schema is strict)', () => {
    const result = rejectRegistrationInput.safeParse({
      memberId: 'm-1',
      reason: '信息不全',
      reviewerId: 'staff-someone',
    })

    expect(Object.keys(errorsOf(result))).toEqual(['_'])
  })
})

describe('approveRegistrationInput', () => {
  it('accepts a member id', () => {
    const result = approveRegistrationInput.safeParse({ memberId: 'm-1' })

    expect(result).toEqual({ success: true, data: { memberId: 'm-1' } })
  })

  it('refuses an empty member id', () => {
    const result = approveRegistrationInput.safeParse({ memberId: '' })

    expect(errorsOf(result)).toEqual({ memberId: '缺少会员编号' })
  })

  it.each([undefined, 'x'.repeat(65), 7])(
    'refuses the member id %p under its field',
    (memberId) => {
      const result = approveRegistrationInput.safeParse({ memberId })

      expect(Object.keys(errorsOf(result))).toEqual(['memberId'])
    },
  )

  it('refuses unknown extra fields (the schema is strict)', () => {
    const result = approveRegistrationInput.safeParse({ memberId: 'm-1', cardNo: '860000000174' })

    expect(Object.keys(errorsOf(result))).toEqual(['_'])
  })
})

describe('registrationsInput', () => {
  it('lists the pending queue, first page of 20, by default', () => {
    const result = registrationsInput.safeParse({})

    expect(result).toEqual({ success: true, data: { status: 'pending', offset: 0, limit: 20 } })
  })

  it('keeps the filter and page given', () => {
    const input = { status: 'rejected', offset: 40, limit: 100 }

    const result = registrationsInput.safeParse(input)

    expect(result).toEqual({ success: true, data: input })
  })

  it.each(['pending', 'active', 'rejected'])('accepts the status %s', (status) => {
    expect(registrationsInput.safeParse({ status }).success).toBe(true)
  })

  it.each([
    ['status', 'withdrawn'],
    ['status', ''],
    ['offset', -1],
    ['offset', 100_001],
    ['offset', 1.5],
    ['offset', '0'],
    ['limit', 0],
    ['limit', 101],
    ['limit', 2.5],
    ['limit', '20'],
  ])('refuses %s = %p under that field', (field, value) => {
    const result = registrationsInput.safeParse({ [field]: value })

    expect(Object.keys(errorsOf(result))).toEqual([field])
  })

  it.each([
    ['offset', 0],
    ['offset', 100_000],
    ['limit', 1],
    ['limit', 100],
  ])('accepts %s = %p at the edge of its range', (field, value) => {
    expect(registrationsInput.safeParse({ [field]: value }).success).toBe(true)
  })

  it('refuses unknown extra fields (the schema is strict)', () => {
    const result = registrationsInput.safeParse({ search: '王' })

    expect(Object.keys(errorsOf(result))).toEqual(['_'])
  })
})

describe('adminContract', () => {
  it('makes approving and rejecting mutating actions (they need a request id), listing a read', () => {
    expect(adminContract.name).toBe('admin')
    expect(adminContract.actions.registrations).toEqual({
      input: registrationsInput,
      mutating: false,
      personalData: '审核注册申请',
    })
    expect(adminContract.actions.approveRegistration).toEqual({
      input: approveRegistrationInput,
      mutating: true,
    })
    expect(adminContract.actions.rejectRegistration).toEqual({
      input: rejectRegistrationInput,
      mutating: true,
    })
  })
})
