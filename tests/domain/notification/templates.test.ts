import {
  fieldValue,
  isTemplateKey,
  TEMPLATE_KEYS,
  TEMPLATES,
} from '@/domain/notification/templates'

describe('fieldValue', () => {
  it.each([
    [
      'a text of 20 characters as it is',
      'thing1',
      '一二三四五六七八九十一二三四五六七八九十',
      '一二三四五六七八九十一二三四五六七八九十',
    ],
    [
      'a longer text cut to 19 characters and an ellipsis',
      'thing2',
      '一二三四五六七八九十一二三四五六七八九十一',
      '一二三四五六七八九十一二三四五六七八九…',
    ],
    [
      'line breaks and runs of spaces as one space',
      'thing3',
      '  天气\n原因   取消 ',
      '天气 原因 取消',
    ],
    ['an empty text as 无 (WeChat refuses an empty value)', 'thing4', '   ', '无'],
    ['a missing text as 无', 'thing1', undefined, '无'],
    ['a phrase cut to 5 characters', 'phrase2', '维持原处分决定', '维持原处分'],
    ['an empty phrase as 无', 'phrase2', '', '无'],
    ['a name cut to 10 characters', 'name1', '欧阳一二三四五六七八九', '欧阳一二三四五六七八'],
    ['a number as digits', 'number2', 1500, '1500'],
    ['a deduction by its size', 'number2', -120, '120'],
    ['a number written as text', 'number3', '42', '42'],
    ['an unreadable number as 0', 'number3', 'abc', '0'],
    ['an amount with two decimals at most', 'amount1', 12.345, '12.35'],
    [
      'letters, digits and symbols of a code, at most 32',
      'character_string1',
      'AB-12 中文 x'.repeat(5),
      'AB-12xAB-12xAB-12xAB-12xAB-12x',
    ],
  ])('writes %s', (_rule, field, raw, expected) => {
    const value = fieldValue(field, raw)

    expect(value).toBe(expected)
  })

  it.each([
    [
      'an instant as Shanghai wall-clock time',
      'time3',
      '2026-12-05T06:00:00.000Z',
      '2026-12-05 14:00',
    ],
    [
      'an instant just before Shanghai midnight',
      'time3',
      '2026-12-31T15:59:00.000Z',
      '2026-12-31 23:59',
    ],
    ['a calendar date as its midnight', 'time4', '2026-11-10', '2026-11-10 00:00'],
    ['an unreadable time as empty (the message fills it in)', 'time2', 'soon', ''],
    ['a date as it is', 'date2', '2026-11-10', '2026-11-10'],
    ['an instant as its Shanghai date', 'date2', '2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['an unreadable date as empty', 'date2', 42, ''],
  ])('writes %s', (_rule, field, raw, expected) => {
    const value = fieldValue(field, raw)

    expect(value).toBe(expected)
  })
})

describe('TEMPLATES', () => {
  it('gives every template key a title and fields of WeChat types, each field once', () => {
    for (const key of TEMPLATE_KEYS) {
      const names = TEMPLATES[key].fields.map((f) => f.name)

      expect(TEMPLATES[key].title).not.toBe('')
      expect(new Set(names).size).toBe(names.length)
      for (const name of names) {
        expect(name).toMatch(/^(thing|time|date|number|phrase|name|amount|character_string)\d+$/)
      }
    }
  })
})

describe('isTemplateKey', () => {
  it('knows the template keys and nothing else', () => {
    expect(TEMPLATE_KEYS.every(isTemplateKey)).toBe(true)
    expect([isTemplateKey('pointz'), isTemplateKey(1), isTemplateKey(null)]).toEqual([
      false,
      false,
      false,
    ])
  })
})
