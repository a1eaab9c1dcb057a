import { z } from 'zod'
import type { ArrivalChannel, MemberStatus } from '../domain/member/member'
import { defineContract } from './define'

export const registrationsInput = z
  .object({
    status: z.enum(['pending', 'active', 'rejected']).default('pending'),
    offset: z.number().int().min(0).max(100_000).default(0),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict()

export const approveRegistrationInput = z
  .object({ memberId: z.string().min(1, '缺少会员编号').max(64) })
  .strict()

export const rejectRegistrationInput = z
  .object({
    memberId: z.string().min(1, '缺少会员编号').max(64),
    reason: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v),
      z
        .string({ error: '请填写驳回原因' })
        .min(2, '驳回原因为2–200个字')
        .max(200, '驳回原因为2–200个字'),
    ),
  })
  .strict()

export const adminContract = defineContract('admin', {
  registrations: { input: registrationsInput, mutating: false },
  approveRegistration: { input: approveRegistrationInput, mutating: true },
  rejectRegistration: { input: rejectRegistrationInput, mutating: true },
})

/** A row of the reviewer's queue: personal data masked (SPEC §9). */
export type RegistrationSummary = {
  memberId: string
  status: MemberStatus
  realName: string
  mobileMasked: string
  licenceMasked: string
  shopName: string
  shopAddress: string
  age: number
  channel: ArrivalChannel | null
  referred: boolean
  submittedAt: string
  /** Last date (Shanghai) of the 2-working-day review target, and whether it has passed. */
  reviewDueDate: string
  overdue: boolean
  cardNo: string | null
  rejectReason: string | null
}

export type RegistrationPage = { items: RegistrationSummary[]; total: number }

export type ReviewOutcome = { memberId: string; status: MemberStatus; cardNo: string | null }
