import {
  answerClubSuggestion,
  listClubSuggestions,
  mySuggestions,
  suggest,
} from '../../../../cloudfunctions/_shared/use-cases/club-suggestions'
import { aMemberAtTheCounter } from '../../../support/points-flow'
import { callerOf } from '../../../support/registration-flow'
import { inClubState } from '../../../support/star-flow'
import { addStaff, newRequestId, testDeps } from '../../../support/test-deps'

describe('club suggestion box', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-05-10T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  async function aClubMember(state: 'active' | 'grace' = 'active') {
    const counter = await aMemberAtTheCounter(t.deps)
    await inClubState(t.deps, counter.member.id, state, state === 'grace' ? 2026 : null)
    return counter
  }

  it('takes a suggestion from a club member, in grace too', async () => {
    const { memberCaller } = await aClubMember('grace')

    const result = await suggest(
      t.deps,
      memberCaller,
      { text: '希望增加新品品鉴会' },
      newRequestId(),
    )

    expect(result).toMatchObject({ ok: true, data: { text: '希望增加新品品鉴会', answer: null } })
  })

  it('is closed to members outside the club', async () => {
    const { memberCaller } = await aMemberAtTheCounter(t.deps)

    const write = await suggest(
      t.deps,
      memberCaller,
      { text: '希望增加新品品鉴会' },
      newRequestId(),
    )
    const read = await mySuggestions(t.deps, memberCaller)

    expect(write).toMatchObject({ ok: false, error: { code: 'CLUB.NOT_A_MEMBER' } })
    expect(read).toMatchObject({ ok: false, error: { code: 'CLUB.NOT_A_MEMBER' } })
  })

  it('lets staff answer once; the member reads the answer and is notified', async () => {
    const reviewer = await addStaff(t.deps, 'reviewer')
    const { member, memberCaller } = await aClubMember()
    const asked = await suggest(
      t.deps,
      memberCaller,
      { text: '湖边跑能否改到周末' },
      newRequestId(),
    )
    if (!asked.ok) throw new Error('not asked')
    const open = await listClubSuggestions(t.deps, callerOf(reviewer.openid), {
      answered: false,
      offset: 0,
      limit: 20,
    })

    await answerClubSuggestion(
      t.deps,
      callerOf(reviewer.openid),
      { id: asked.data.id, answer: '已安排在周六上午' },
      newRequestId(),
    )
    const again = await answerClubSuggestion(
      t.deps,
      callerOf(reviewer.openid),
      { id: asked.data.id, answer: '改为周日' },
      newRequestId(),
    )
    const mine = await mySuggestions(t.deps, memberCaller)

    expect(open).toMatchObject({ ok: true, data: { total: 1, items: [{ id: asked.data.id }] } })
    expect(again).toMatchObject({ ok: false, error: { code: 'CLUB.SUGGESTION_ANSWERED' } })
    expect(mine).toMatchObject({ ok: true, data: [{ answer: '已安排在周六上午' }] })
    const notices = await t.deps.store.read.outbox.forMember(member.id)
    expect(notices.map((n) => n.kind)).toContain('suggestion.answered')
  })

  it('is answered by reviewers and admins, not clerks', async () => {
    const clerk = await addStaff(t.deps, 'clerk')

    const list = await listClubSuggestions(t.deps, callerOf(clerk.openid), {
      answered: false,
      offset: 0,
      limit: 20,
    })

    expect(list).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})
