import type { MeView, RegisterInput, RegisterOutput } from '@/contracts/member.contract'
import { callFunction } from './cloud'

export const memberApi = {
  me: () => callFunction<MeView>('member', 'me'),
  register: (form: RegisterInput, requestId: string) =>
    callFunction<RegisterOutput>('member', 'register', form, requestId),
}
export type MemberApi = typeof memberApi
