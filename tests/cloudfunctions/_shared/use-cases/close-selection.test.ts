import type { Deps } from '../../../../cloudfunctions/_shared/ports'
import { closeSelection } from '../../../../cloudfunctions/_shared/use-cases/event-roster'
import { signUpForEvent } from '../../../../cloudfunctions/_shared/use-cases/event-signup'
import { aPublishedEvent } from '../../../support/event-flow'
import { anActiveMember, callerOf } from '../../../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

/**
 * SPEC §7 selection mode: closing a selection tells every applicant not chosen. On CloudBase one
 * call has the events function's 15 s, so a long list is closed over several calls, each doing
 * what its time allows and saying whether it is done; together they reject each applicant once.
 */
describe('closeSelection', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-05-10T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  /** The deps with a clock that moves on `stepMs` every time it is read (a slow database). */
  const slowly = (deps: Deps, stepMs: number): Deps => {
    let at = deps.clock.now().getTime()
    return { ...deps, clock: { now: () => new Date((at += stepMs)) } }
  }

  it('closes a list longer than one call allows over several calls, rejecting and telling each applicant once', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const event = await aPublishedEvent(t.deps, { mode: 'selection', capacity: 5 })
    const applicants = []
    for (let i = 0; i < 120; i++) {
      const member = await anActiveMember(t.deps, reviewer)
      await signUpForEvent(
        t.deps,
        callerOf(member.openid),
        { eventId: event.id, acknowledged: false },
        newRequestId(),
      )
      applicants.push(member)
    }

    const calls = []
    for (let round = 0; round < 10; round++) {
      const result = await closeSelection(slowly(t.deps, 3_000), callerOf(reviewer.openid), {
        eventId: event.id,
      })
      if (!result.ok) throw new Error(result.error.code)
      calls.push(result.data)
      if (result.data.done) break
    }

    const notices = await Promise.all(
      applicants.map((member) => t.deps.store.read.outbox.forMember(member.memberId)),
    )
    expect(calls.length).toBeGreaterThan(1)
    expect(calls.slice(0, -1).every((call) => !call.done)).toBe(true)
    expect(calls.reduce((sum, call) => sum + call.rejected, 0)).toBe(120)
    for (const member of applicants) {
      expect((await t.deps.store.read.signups.get(event.id, member.memberId))?.status).toBe(
        'rejected',
      )
    }
    expect(
      notices.every((list) => list.filter((n) => n.kind === 'event.selected').length === 1),
    ).toBe(true)
  })

  it('says done at once when nobody is waiting for an answer', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const event = await aPublishedEvent(t.deps, { mode: 'selection', capacity: 5 })

    const result = await closeSelection(t.deps, callerOf(reviewer.openid), { eventId: event.id })

    expect(result).toEqual({ ok: true, data: { rejected: 0, done: true } })
  })
})
