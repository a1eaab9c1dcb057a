import {
  alreadyApplied,
  alreadyInClub,
  CLUB_ERROR_CODES,
  clubNotAllowed,
  notApplied,
  notInClub,
  starTooLow,
  suggestionAnswered,
  suggestionNotFound,
} from '@/domain/club/club.errors'

describe('club errors', () => {
  it.each([
    [starTooLow, 'CLUB.STAR_TOO_LOW'],
    [alreadyApplied, 'CLUB.ALREADY_APPLIED'],
    [alreadyInClub, 'CLUB.ALREADY_MEMBER'],
    [clubNotAllowed, 'CLUB.NOT_ALLOWED'],
    [notApplied, 'CLUB.NOT_APPLIED'],
    [notInClub, 'CLUB.NOT_A_MEMBER'],
    [suggestionNotFound, 'CLUB.SUGGESTION_NOT_FOUND'],
    [suggestionAnswered, 'CLUB.SUGGESTION_ANSWERED'],
  ])('%p fails with %s and a Chinese message, without field messages', (factory, code) => {
    const failure = factory()

    expect(failure).toEqual({ ok: false, error: { code, message: expect.any(String) } })
    expect(failure.error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(CLUB_ERROR_CODES).toContain(code)
  })

  it('has a factory for every club error code', () => {
    const factories = [
      starTooLow,
      alreadyApplied,
      alreadyInClub,
      clubNotAllowed,
      notApplied,
      notInClub,
      suggestionNotFound,
      suggestionAnswered,
    ]

    const codes = factories.map((factory) => factory().error.code)

    expect([...codes].sort()).toEqual([...CLUB_ERROR_CODES].sort())
  })
})
