import type { MeView, RegisterInput, RegisterOutput } from '@/contracts/member.contract'
import type { ClubView, StarOverview, SuggestionView } from '@/contracts/star-club'
import { callFunction } from './cloud'

export const memberApi = {
  me: () => callFunction<MeView>('member', 'me'),
  register: (form: RegisterInput, requestId: string) =>
    callFunction<RegisterOutput>('member', 'register', form, requestId),
  star: () => callFunction<StarOverview>('member', 'star'),
  applyClub: (requestId: string) => callFunction<ClubView>('member', 'applyClub', {}, requestId),
  leaveClub: (requestId: string) => callFunction<ClubView>('member', 'leaveClub', {}, requestId),
  suggestions: () => callFunction<SuggestionView[]>('member', 'suggestions'),
  suggest: (text: string, requestId: string) =>
    callFunction<SuggestionView>('member', 'suggest', { text }, requestId),
}
export type MemberApi = typeof memberApi
