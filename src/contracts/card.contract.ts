import * as z from 'zod'
import type { MemberStatus } from '../domain/member/member'
import type { StarValue } from '../domain/star/star'
import type { ClubState } from '../domain/club/club'
import { defineContract } from './define'

export const cardContract = defineContract('card', {
  /** The member's own card, with the secret the phone derives its codes from (kept on the device). */
  mine: { input: z.object({}).strict(), mutating: false },
  /** A clerk checks the code shown in store (scanned or typed): single use. */
  verify: {
    input: z
      .object({
        code: z
          .string({ error: '请扫描或输入会员码' })
          .min(1, '请扫描或输入会员码')
          .max(200, '会员码过长'),
      })
      .strict(),
    mutating: true,
    limit: 'codeCheck',
    countAlongside: true,
  },
  /** 挂失补卡: a new secret and version; the old codes stop working at once. */
  rekey: {
    input: z
      .object({
        /** For a reviewer re-keying on a member's behalf; a member re-keys their own card. */
        memberId: z.string().min(1).max(64).optional(),
      })
      .strict(),
    mutating: true,
  },
})

export type MyCardView = {
  cardNo: string
  version: number
  /** Base64 of the 32-byte card secret; stored on the phone so codes work offline. */
  secret: string
  usable: boolean
  realName: string
  star: StarValue | null
  starYear: number
  clubState: ClubState
  status: MemberStatus
  /**
   * The server's time when it answered (ISO): the phone derives its codes at its own time plus the
   * difference seen at sync, so a phone whose clock is off (or the local host's moved demo clock)
   * still shows codes the server accepts — as payment codes calibrate.
   */
  serverTime: string
}

export type VerifiedCardView = {
  memberId: string
  cardNo: string
  realName: string
  mobileMasked: string
  status: MemberStatus
  star: StarValue | null
  clubState: ClubState
  balance: number
  verifiedAt: string
}
