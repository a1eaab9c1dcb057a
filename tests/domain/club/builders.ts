import type { ClubMembership, ClubState } from '@/domain/club/club'

/** Every club state of SPEC §4, for tables that go through all of them. */
export const ALL_CLUB_STATES: readonly ClubState[] = [
  'none',
  'applied',
  'active',
  'rejected',
  'grace',
  'exited',
  'suspended',
  'cancelled',
  'withdrawn',
]

/** A club membership in `state`, with the details that state usually carries, unless told otherwise. */
export function aClub(
  state: ClubState = 'active',
  overrides: Partial<ClubMembership> = {},
): ClubMembership {
  return {
    memberId: 'm-1',
    state,
    since: '2026-03-01T02:00:00.000Z',
    appliedAt: state === 'none' ? null : '2026-02-20T02:00:00.000Z',
    joinedAt: ['active', 'grace', 'exited', 'withdrawn'].includes(state)
      ? '2026-03-01T02:00:00.000Z'
      : null,
    graceYear: state === 'grace' ? 2026 : null,
    decidedBy: state === 'none' || state === 'applied' ? null : 'staff-r1',
    reason: state === 'rejected' ? '资料不全' : null,
    resumeState: state === 'suspended' ? 'active' : null,
    version: 4,
    ...overrides,
  }
}
