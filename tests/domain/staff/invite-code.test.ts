import {
  formatInviteCode,
  INVITE_CODE_ALPHABET,
  INVITE_CODE_LENGTH,
  isInviteCode,
  normaliseInviteCode,
} from '@/domain/staff/invite-code'

describe('invite codes', () => {
  it('carry at least 80 bits: 20 symbols of a 32-symbol alphabet', () => {
    expect(INVITE_CODE_ALPHABET).toHaveLength(32)
    expect(INVITE_CODE_LENGTH * Math.log2(INVITE_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(80)
  })

  it('are shown in four groups of five', () => {
    expect(formatInviteCode('ABCDEFGHJKMNPQRSTVWX')).toBe('ABCDE-FGHJK-MNPQR-STVWX')
  })

  it.each([
    ['the grouped code', 'ABCDE-FGHJK-MNPQR-STVWX', 'ABCDEFGHJKMNPQRSTVWX'],
    ['lower case with spaces', ' abcde fghjk mnpqr stvwx ', 'ABCDEFGHJKMNPQRSTVWX'],
    ['O read as zero, I and L as one', 'oOIL0-12345-67890-ABCDE', '001101234567890ABCDE'],
  ])('read back from %s', (_case, typed, stored) => {
    expect(normaliseInviteCode(typed)).toBe(stored)
  })

  it.each([
    ['the right length and alphabet', 'ABCDEFGHJKMNPQRSTVWX', true],
    ['one symbol short', 'ABCDEFGHJKMNPQRSTVW', false],
    ['a U, which the alphabet leaves out', 'ABCDEFGHJKMNPQRSTVWU', false],
    ['a card code', 'RCC1.860000000017.1.1.abc', false],
  ])('is a code for %s: %s', (_case, code, valid) => {
    expect(isInviteCode(code)).toBe(valid)
  })
})
