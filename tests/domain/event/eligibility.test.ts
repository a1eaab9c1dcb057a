import { checkEligibility, type Applicant } from '@/domain/event/eligibility'
import type { ClubEvent } from '@/domain/event/event'
import type { StarValue } from '@/domain/star/star'
import { anApplicant, anEvent, DURING_SIGNUP, EVENT_TIMES } from './builders'

const NOW = DURING_SIGNUP

const refused = (code: string, message: string) => ({ ok: false, error: { code, message } })
const ms = (iso: string, delta: number) => new Date(Date.parse(iso) + delta)

describe('checkEligibility', () => {
  it('lets an active member sign up for a published event while sign-ups are open', () => {
    const result = checkEligibility(anEvent(), anApplicant(), NOW)

    expect(result).toEqual({ ok: true, data: true })
  })

  it('lets anyone active sign up for an event open to all, whatever their star or club', () => {
    const who = anApplicant({ star: null, inClub: false })

    const result = checkEligibility(anEvent({ clubOnly: false, minStar: null }), who, NOW)

    expect(result).toEqual({ ok: true, data: true })
  })

  describe('the event', () => {
    it('refuses a cancelled event', () => {
      const event = anEvent({ status: 'cancelled', cancelReason: '天气原因' })

      const result = checkEligibility(event, anApplicant(), NOW)

      expect(result).toEqual(refused('EVENT.CANCELLED', '活动已取消'))
    })

    it('refuses an event not yet published', () => {
      const event = anEvent({ status: 'draft', publishedAt: null })

      const result = checkEligibility(event, anApplicant(), NOW)

      expect(result).toEqual(refused('EVENT.NOT_PUBLISHED', '活动尚未发布'))
    })
  })

  describe('the member', () => {
    it('refuses a member whose account is not active', () => {
      const result = checkEligibility(anEvent(), anApplicant({ active: false }), NOW)

      expect(result).toEqual(refused('EVENT.MEMBER_NOT_ACTIVE', '当前账号状态不能报名活动'))
    })

    it('refuses a club-only event to someone outside the club: 仅限俱乐部会员', () => {
      const event = anEvent({ clubOnly: true })

      const result = checkEligibility(event, anApplicant({ inClub: false, star: 5 }), NOW)

      expect(result).toEqual(refused('EVENT.CLUB_ONLY', '仅限俱乐部会员'))
    })

    it('lets a club member sign up for a club-only event', () => {
      const event = anEvent({ clubOnly: true })

      const result = checkEligibility(event, anApplicant({ inClub: true }), NOW)

      expect(result.ok).toBe(true)
    })

    it.each<[StarValue | null, boolean]>([
      [null, false],
      [1, false],
      [2, false],
      [3, true],
      [4, true],
      [5, true],
    ])('with a 3★ minimum, lets a member with %p★ sign up: %p', (star, allowed) => {
      const event = anEvent({ minStar: 3 })

      const result = checkEligibility(event, anApplicant({ star }), NOW)

      expect(result).toEqual(
        allowed ? { ok: true, data: true } : refused('EVENT.STAR_TOO_LOW', '需三星及以上'),
      )
    })

    it.each<[StarValue, string]>([
      [1, '需一星及以上'],
      [2, '需二星及以上'],
      [3, '需三星及以上'],
      [4, '需四星及以上'],
      [5, '需五星及以上'],
    ])('names the minimum of %i★ in the refusal: %s', (minStar, message) => {
      const event = anEvent({ minStar })

      const result = checkEligibility(event, anApplicant({ star: null }), NOW)

      expect(result).toEqual(refused('EVENT.STAR_TOO_LOW', message))
    })

    it('refuses a member whose no-show block is still running, naming its Shanghai end date', () => {
      const who = anApplicant({ blockedUntil: '2026-08-08T17:00:00.000Z' })

      const result = checkEligibility(anEvent(), who, NOW)

      expect(result).toEqual(
        refused('EVENT.BLOCKED', '因多次报名未到场，2026-08-09 前不能报名活动'),
      )
    })

    it.each([
      ['1 ms after now', 1, 'EVENT.BLOCKED'],
      ['exactly now', 0, null],
      ['1 ms before now', -1, null],
      ['a month ago', -30 * 24 * 3600 * 1000, null],
    ])('with a block ending %s → %s (null = allowed)', (_, delta, code) => {
      const who = anApplicant({ blockedUntil: ms(NOW.toISOString(), delta).toISOString() })

      const result = checkEligibility(anEvent(), who, NOW)

      expect(result).toMatchObject(code === null ? { ok: true } : { ok: false, error: { code } })
    })
  })

  describe('the sign-up window (opens ≤ now < closes)', () => {
    it.each([
      ['1 ms before it opens', EVENT_TIMES.signupOpensAt, -1, 'EVENT.SIGNUP_NOT_OPEN'],
      ['exactly when it opens', EVENT_TIMES.signupOpensAt, 0, null],
      ['1 ms after it opens', EVENT_TIMES.signupOpensAt, 1, null],
      ['1 ms before it closes', EVENT_TIMES.signupClosesAt, -1, null],
      ['exactly when it closes', EVENT_TIMES.signupClosesAt, 0, 'EVENT.SIGNUP_CLOSED'],
      ['1 ms after it closes', EVENT_TIMES.signupClosesAt, 1, 'EVENT.SIGNUP_CLOSED'],
    ])('signing up %s → %s (null = allowed)', (_, edge, delta, code) => {
      const now = ms(edge, delta)

      const result = checkEligibility(anEvent(), anApplicant(), now)

      expect(result).toMatchObject(code === null ? { ok: true } : { ok: false, error: { code } })
    })

    it('tells a member who comes too early when sign-ups open, in Shanghai time', () => {
      const now = new Date('2026-04-28T00:00:00.000Z')

      const result = checkEligibility(anEvent(), anApplicant(), now)

      expect(result).toEqual(
        refused('EVENT.SIGNUP_NOT_OPEN', '报名尚未开始（2026-05-01 10:00 开始）'),
      )
    })

    it('tells a member who comes too late that sign-ups have closed', () => {
      const now = new Date('2026-05-16T02:00:00.000Z')

      const result = checkEligibility(anEvent(), anApplicant(), now)

      expect(result).toEqual(refused('EVENT.SIGNUP_CLOSED', '报名已截止'))
    })
  })

  describe('the order of the rules', () => {
    /** Everything wrong at once: each row fixes the rules before it, so the next one speaks. */
    const allWrong: Partial<ClubEvent> = { clubOnly: true, minStar: 4 }
    const nobody: Applicant = {
      active: false,
      star: 1,
      inClub: false,
      blockedUntil: '2026-12-01T00:00:00.000Z',
    }
    const tooEarly = new Date('2026-04-28T00:00:00.000Z')

    it.each<[string, Partial<ClubEvent>, Partial<Applicant>, Date]>([
      ['EVENT.CANCELLED', { status: 'cancelled' }, {}, tooEarly],
      ['EVENT.NOT_PUBLISHED', { status: 'draft' }, {}, tooEarly],
      ['EVENT.MEMBER_NOT_ACTIVE', {}, {}, tooEarly],
      ['EVENT.CLUB_ONLY', {}, { active: true }, tooEarly],
      ['EVENT.STAR_TOO_LOW', {}, { active: true, inClub: true }, tooEarly],
      ['EVENT.BLOCKED', {}, { active: true, inClub: true, star: 4 }, tooEarly],
      [
        'EVENT.SIGNUP_NOT_OPEN',
        {},
        { active: true, inClub: true, star: 4, blockedUntil: null },
        tooEarly,
      ],
    ])('says %s first when everything after it is wrong too', (code, event, who, now) => {
      const result = checkEligibility(
        anEvent({ ...allWrong, ...event }),
        { ...nobody, ...who },
        now,
      )

      expect(result).toMatchObject({ ok: false, error: { code } })
    })

    it('says EVENT.CANCELLED for a cancelled event that was never published', () => {
      const event = anEvent({ status: 'cancelled', publishedAt: null })

      const result = checkEligibility(event, anApplicant(), NOW)

      expect(result).toMatchObject({ ok: false, error: { code: 'EVENT.CANCELLED' } })
    })

    it('says EVENT.BLOCKED before EVENT.SIGNUP_CLOSED', () => {
      const who = anApplicant({ blockedUntil: '2026-12-01T00:00:00.000Z' })

      const result = checkEligibility(anEvent(), who, new Date('2026-05-16T02:00:00.000Z'))

      expect(result).toMatchObject({ ok: false, error: { code: 'EVENT.BLOCKED' } })
    })
  })
})
