import {
  complaintAccountClosed,
  complaintAnswered,
  complaintNotFound,
  complaintNotYetMember,
  COMPLAINT_ERROR_CODES,
  photoNotFound,
  photoQuotaExceeded,
} from '@/domain/care/care.errors'
import { ERROR_MESSAGES } from '@/constants/error-messages'

const FACTORIES = [
  complaintNotFound,
  complaintAnswered,
  complaintNotYetMember,
  complaintAccountClosed,
  photoNotFound,
]

describe('complaint errors', () => {
  it.each(FACTORIES.map((factory) => [factory.name, factory] as const))(
    '%s fails with a COMPLAINT code and a Chinese message, without field messages',
    (_name, factory) => {
      const failure = factory()

      expect(failure).toEqual({
        ok: false,
        error: { code: expect.stringMatching(/^COMPLAINT\./), message: expect.any(String) },
      })
      expect(failure.error.message).toMatch(/[\u4e00-\u9fff]/)
    },
  )

  it('refuses too many photos with the limit in Chinese, also as the photo field', () => {
    const failure = photoQuotaExceeded('24小时内最多上传20张图片，请稍后再试')

    expect(failure).toEqual({
      ok: false,
      error: {
        code: 'COMPLAINT.PHOTO_QUOTA_EXCEEDED',
        message: '24小时内最多上传20张图片，请稍后再试',
        fields: { photo: '24小时内最多上传20张图片，请稍后再试' },
      },
    })
  })

  it('has a factory and client copy for every complaint error code', () => {
    const codes = [
      ...FACTORIES.map((factory) => factory().error.code),
      photoQuotaExceeded('太多').error.code,
    ]

    expect([...codes].sort()).toEqual([...COMPLAINT_ERROR_CODES].sort())
    for (const code of COMPLAINT_ERROR_CODES)
      expect(ERROR_MESSAGES[code]).toMatch(/[\u4e00-\u9fff]/)
  })
})
