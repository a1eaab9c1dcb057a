import { maskLicence, maskMobile } from '@/domain/privacy/mask'

describe('maskMobile', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['13912340001', '139****0001'],
    ['19987654321', '199****4321'],
  ])('shows only the first three and last four digits of %s in lists: %s', (mobile, expected) => {
    const masked = maskMobile(mobile)

    expect(masked).toBe(expected)
  })

  it('hides the four middle digits of an 11-digit mobile', () => {
    const masked = maskMobile('13812345678')

    expect(masked).toHaveLength(11)
    expect(masked).not.toContain('1234')
  })

  it.each(['', '1', '12345', '123456'])(
    'hides every character of a too-short value %p',
    (mobile) => {
      const masked = maskMobile(mobile)

      expect(masked).toBe('*'.repeat(mobile.length))
    },
  )
})

describe('maskLicence', () => {
  it.each([
    ['320100001234', '320******234'],
    ['3201000012345678', '320**********678'],
    ['1234567', '123*567'],
  ])('keeps only the first and last three characters of %s: %s', (licence, expected) => {
    const masked = maskLicence(licence)

    expect(masked).toBe(expected)
  })

  it('keeps the length of the licence so the masked value looks like one', () => {
    const licence = 'AB1234567890CD'

    const masked = maskLicence(licence)

    expect(masked).toHaveLength(licence.length)
    expect(masked).toBe('AB1********0CD')
  })

  it.each(['', '1', '123', '123456'])('hides every character of a short value %p', (licence) => {
    const masked = maskLicence(licence)

    expect(masked).toBe('*'.repeat(licence.length))
  })
})
