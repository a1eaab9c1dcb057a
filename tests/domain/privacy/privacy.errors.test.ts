import {
  accountClosed,
  PRIVACY_ERROR_CODES,
  withdrawalClosed,
  withdrawalNotFound,
  withdrawalPending,
} from '@/domain/privacy/privacy.errors'

describe('privacy errors', () => {
  it.each([
    [accountClosed, 'PRIVACY.ACCOUNT_CLOSED'],
    [withdrawalPending, 'PRIVACY.WITHDRAWAL_PENDING'],
    [withdrawalNotFound, 'PRIVACY.WITHDRAWAL_NOT_FOUND'],
    [withdrawalClosed, 'PRIVACY.WITHDRAWAL_CLOSED'],
  ])('%p fails with %s and a Chinese message, without field messages', (factory, code) => {
    const failure = factory()

    expect(failure).toEqual({ ok: false, error: { code, message: expect.any(String) } })
    expect(failure.error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(PRIVACY_ERROR_CODES).toContain(code)
  })
})
