import { answerSuggestion, newSuggestion } from '@/domain/club/suggestion'

const CREATED = new Date('2027-03-15T06:30:00.000Z')
const ANSWERED = new Date('2027-03-16T01:00:00.000Z')

describe('newSuggestion', () => {
  it('records a club member’s suggestion, unanswered, at version 1', () => {
    const suggestion = newSuggestion('s-1', 'm-1', '希望增加周末品鉴活动', CREATED)

    expect(suggestion).toEqual({
      id: 's-1',
      memberId: 'm-1',
      text: '希望增加周末品鉴活动',
      createdAt: '2027-03-15T06:30:00.000Z',
      answer: null,
      answeredBy: null,
      answeredAt: null,
      version: 1,
    })
  })
})

describe('answerSuggestion', () => {
  it('records the staff answer the member reads, with who answered and when', () => {
    const suggestion = newSuggestion('s-1', 'm-1', '希望增加周末品鉴活动', CREATED)

    const result = answerSuggestion(suggestion, '下月起每月安排一次周末场', 'staff-r1', ANSWERED)

    expect(result).toEqual({
      ok: true,
      data: {
        ...suggestion,
        answer: '下月起每月安排一次周末场',
        answeredBy: 'staff-r1',
        answeredAt: '2027-03-16T01:00:00.000Z',
        version: 2,
      },
    })
  })

  it('refuses a second answer so nobody overwrites a colleague', () => {
    const suggestion = newSuggestion('s-1', 'm-1', '希望增加周末品鉴活动', CREATED)
    const first = answerSuggestion(suggestion, '已安排', 'staff-r1', ANSWERED)

    const second = first.ok && answerSuggestion(first.data, '另一个答复', 'staff-r2', ANSWERED)

    expect(second).toEqual({
      ok: false,
      error: { code: 'CLUB.SUGGESTION_ANSWERED', message: '该建议已答复，请刷新列表' },
    })
  })

  it('leaves the suggestion it was given untouched', () => {
    const suggestion = newSuggestion('s-1', 'm-1', '希望增加周末品鉴活动', CREATED)

    answerSuggestion(suggestion, '已安排', 'staff-r1', ANSWERED)

    expect(suggestion).toMatchObject({ answer: null, answeredBy: null, version: 1 })
  })

  it('counts even an empty answer as the answer', () => {
    const suggestion = { ...newSuggestion('s-1', 'm-1', '建议', CREATED), answer: '' }

    const result = answerSuggestion(suggestion, '补充答复', 'staff-r2', ANSWERED)

    expect(result).toMatchObject({ ok: false, error: { code: 'CLUB.SUGGESTION_ANSWERED' } })
  })
})
