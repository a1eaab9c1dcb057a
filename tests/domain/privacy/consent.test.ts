import { needsReconsent, recordConsent } from '@/domain/privacy/consent'
import { aMember } from '../../support/builders'

const NOW = new Date('2026-11-23T02:00:00.000Z')

describe('needsReconsent', () => {
  it('asks again when the policy in force is not the one agreed to', () => {
    expect(needsReconsent('2026-01', '2026-11')).toBe(true)
    expect(needsReconsent('2026-11', '2026-11')).toBe(false)
  })
})

describe('recordConsent', () => {
  const member = aMember({ status: 'active', consentVersion: '2026-01', version: 2 })

  it('records agreement to the version in force, with its time', () => {
    const agreed = recordConsent(member, '2026-11', '2026-11', NOW)

    expect(agreed).toMatchObject({
      ok: true,
      data: {
        changed: true,
        member: { consentVersion: '2026-11', consentAt: NOW.toISOString(), version: 3 },
      },
    })
  })

  it('refuses an older version than the one in force', () => {
    expect(recordConsent(member, '2026-01', '2026-11', NOW)).toMatchObject({
      ok: false,
      error: { code: 'MEMBER.CONSENT_OUTDATED' },
    })
  })

  it('changes nothing when the version is already recorded', () => {
    const current = { ...member, consentVersion: '2026-11' }

    expect(recordConsent(current, '2026-11', '2026-11', NOW)).toEqual({
      ok: true,
      data: { member: current, changed: false },
    })
  })

  it.each(['cancelled', 'withdrawn'] as const)('refuses a %s account', (status) => {
    expect(recordConsent({ ...member, status }, '2026-11', '2026-11', NOW)).toMatchObject({
      ok: false,
      error: { code: 'PRIVACY.ACCOUNT_CLOSED' },
    })
  })
})
