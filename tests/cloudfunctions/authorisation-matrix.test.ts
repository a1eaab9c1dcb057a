import type { Caller } from '../../cloudfunctions/_shared/caller'
import { adminFunction } from '../../cloudfunctions/admin/index'
import { cardFunction } from '../../cloudfunctions/card/index'
import { memberFunction } from '../../cloudfunctions/member/index'
import { aMemberAtTheCounter } from '../support/points-flow'
import { callerOf } from '../support/registration-flow'
import { newRequestId, testDeps } from '../support/test-deps'
import {
  aSeededScene,
  EVERYONE,
  REVIEWER,
  validPayloads,
  WHO_MAY,
  type Payloads,
  type Who,
} from '../support/valid-payloads'
import { FUNCTIONS } from '../support/function-table'

/**
 * SPEC §1: who may do what. Every action of every function is listed with the callers allowed to
 * reach it (`WHO_MAY`); everyone else must be refused with an `AUTH.*` code before anything is read
 * or written.
 */
describe('the authorisation matrix over every action of every function', () => {
  let t: ReturnType<typeof testDeps>
  let callers: Record<Who, Caller>
  let payloads: Payloads
  beforeAll(async () => {
    t = testDeps('2026-05-10T02:00:00.000Z')
    const scene = await aSeededScene(t.deps)
    callers = {
      anonymous: callerOf(''),
      guest: callerOf('o_matrix_guest'),
      member: callerOf(scene.member.openid),
      clerk: callerOf(scene.clerk.openid),
      reviewer: callerOf(scene.reviewer.openid),
      admin: callerOf(scene.admin.openid),
    }
    payloads = validPayloads(t.deps, scene)
  })
  afterAll(() => t.cleanup())

  it('lists every action of every function, and no action that does not exist', () => {
    for (const [name, { actions }] of Object.entries(FUNCTIONS)) {
      expect(Object.keys(WHO_MAY[name] ?? {}).sort()).toEqual(Object.keys(actions).sort())
    }
  })

  const cases = Object.entries(WHO_MAY).flatMap(([name, actions]) =>
    Object.entries(actions).map(([action, allowed]) => [name, action, allowed] as const),
  )

  let guests = 0
  /** How a call ended, as far as authorisation goes. */
  const outcomeOf = (code: string | null) =>
    code?.startsWith('AUTH.') ? 'refused' : code === 'INPUT.INVALID' ? 'bad payload' : 'reached'

  /** Calls the action as everyone and tells, for each caller, whether it was refused. */
  async function outcomesFor(name: string, action: string, payload: unknown) {
    const { fn } = FUNCTIONS[name]!
    const outcomes: Record<string, string> = {}
    for (const who of EVERYONE) {
      // A fresh guest each time: a guest who registers is a guest no more.
      const caller = who === 'guest' ? callerOf(`o_matrix_guest_${++guests}`) : callers[who]
      const envelope = await fn.handle(
        { action, payload, requestId: newRequestId() },
        caller,
        t.deps,
      )
      outcomes[who] = outcomeOf(envelope.ok ? null : envelope.error.code)
    }
    return outcomes
  }

  // 'bad payload' is never expected: a matrix of refused payloads would prove nothing.
  const expectedFor = (allowed: readonly Who[]) =>
    Object.fromEntries(EVERYONE.map((who) => [who, allowed.includes(who) ? 'reached' : 'refused']))

  it.each(cases)(
    '%s.%s refuses everyone but its roles with AUTH codes',
    async (name, action, allowed) => {
      const outcomes = await outcomesFor(name, action, payloads[name]?.[action] ?? {})

      expect(outcomes).toEqual(expectedFor(allowed))
    },
  )

  describe('a member naming another member’s records', () => {
    it('cannot appeal another member’s sanction', async () => {
      const other = await aMemberAtTheCounter(t.deps)
      const issued = await adminFunction.handle(
        {
          action: 'issueSanction',
          payload: { memberId: other.member.id, kind: 'warning', reason: '转卖兑换券' },
          requestId: newRequestId(),
        },
        callers.admin,
        t.deps,
      )
      const sanctionId = (issued as { data: { id: string } }).data.id

      const envelope = await memberFunction.handle(
        {
          action: 'appealSanction',
          payload: { sanctionId, text: '替别人申诉试试看' },
          requestId: newRequestId(),
        },
        callers.member,
        t.deps,
      )

      expect(envelope).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
      expect((await t.deps.store.read.sanctions.byId(sanctionId))?.appeal).toBeNull()
    })

    it('cannot re-key another member’s card', async () => {
      const other = await aMemberAtTheCounter(t.deps)

      const envelope = await cardFunction.handle(
        { action: 'rekey', payload: { memberId: other.member.id }, requestId: newRequestId() },
        callers.member,
        t.deps,
      )

      expect(envelope).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
      expect((await t.deps.store.read.cards.byCardNo(other.member.cardNo!))?.version).toBe(1)
    })
  })

  it('lets only reviewers re-key a card on a member’s behalf', async () => {
    const member = (await t.deps.store.read.members.byOpenid(callers.member.openid))!

    const outcomes = await outcomesFor('card', 'rekey', { memberId: member.id })

    expect(outcomes).toEqual(expectedFor(REVIEWER))
  })
})
