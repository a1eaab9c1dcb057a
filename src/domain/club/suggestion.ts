import { ok, type Result } from '../shared/result'
import { suggestionAnswered } from './club.errors'

/** A club member's suggestion (俱乐部建议箱) and the staff answer the member reads. */
export type Suggestion = {
  id: string
  memberId: string
  text: string
  createdAt: string
  answer: string | null
  answeredBy: string | null
  answeredAt: string | null
  version: number
}

export function newSuggestion(id: string, memberId: string, text: string, now: Date): Suggestion {
  return {
    id,
    memberId,
    text,
    createdAt: now.toISOString(),
    answer: null,
    answeredBy: null,
    answeredAt: null,
    version: 1,
  }
}

/** Staff answer a suggestion once; a second answer is refused so nobody overwrites a colleague. */
export function answerSuggestion(
  suggestion: Suggestion,
  answer: string,
  staffId: string,
  now: Date,
): Result<Suggestion> {
  if (suggestion.answer !== null) return suggestionAnswered()
  return ok({
    ...suggestion,
    answer,
    answeredBy: staffId,
    answeredAt: now.toISOString(),
    version: suggestion.version + 1,
  })
}
