import { hiddenCharacterIn, normaliseTypedText } from '@/domain/shared/typed-text'

describe('normaliseTypedText', () => {
  it.each([
    ['e + combining acute', 'Jose\u0301', 'Jos\u00E9'],
    ['a Hangul syllable typed as jamo', '\u1112\u1161\u11AB', '\uD55C'],
    ['Windows line ends', '第一行\r\n第二行', '第一行\n第二行'],
    ['old Mac line ends', '第一行\r第二行', '第一行\n第二行'],
    ['spaces and a full-width space around', ' \u3000王建国\t ', '王建国'],
    ['a byte-order mark in front', '\uFEFF建国便利店', '建国便利店'],
  ])('normalises %s', (_case, typed, stored) => {
    expect(normaliseTypedText(typed)).toBe(stored)
  })

  it('leaves a text already in normal form as it is', () => {
    const text = '江苏省南京市鼓楼区中山路100号\n（近地铁站）'

    expect(normaliseTypedText(text)).toBe(text)
  })
})

describe('hiddenCharacterIn', () => {
  it.each([
    '王建国',
    '阿卜杜·热合曼',
    'Li Na',
    'José',
    '建国便利店（中山路店）',
    '江苏省南京市鼓楼区中山路100号',
    'ｆｕｌｌ　ｗｉｄｔｈ',
    '@SUM(1,2)',
    '店铺 👍🏻 🇨🇳',
    '❤️ 欢迎光临',
  ])('finds nothing in the ordinary text %p', (text) => {
    expect(hiddenCharacterIn(text, 'line')).toBeNull()
    expect(hiddenCharacterIn(text, 'lines')).toBeNull()
  })

  it.each([
    ['U+0000 NUL', '\u0000'],
    ['U+0007 bell', '\u0007'],
    ['U+001B escape', '\u001B'],
    ['U+007F delete', '\u007F'],
    ['U+0085 next line (C1)', '\u0085'],
    ['U+009B control sequence introducer (C1)', '\u009B'],
    ['U+00AD soft hyphen', '\u00AD'],
    ['U+061C Arabic letter mark', '\u061C'],
    ['U+180E Mongolian vowel separator', '\u180E'],
    ['U+200B zero-width space', '\u200B'],
    ['U+200C zero-width non-joiner', '\u200C'],
    ['U+200D zero-width joiner', '\u200D'],
    ['U+200E left-to-right mark', '\u200E'],
    ['U+200F right-to-left mark', '\u200F'],
    ['U+202A left-to-right embedding', '\u202A'],
    ['U+202B right-to-left embedding', '\u202B'],
    ['U+202C pop directional formatting', '\u202C'],
    ['U+202D left-to-right override', '\u202D'],
    ['U+202E right-to-left override', '\u202E'],
    ['U+2060 word joiner', '\u2060'],
    ['U+2066 left-to-right isolate', '\u2066'],
    ['U+2067 right-to-left isolate', '\u2067'],
    ['U+2068 first strong isolate', '\u2068'],
    ['U+2069 pop directional isolate', '\u2069'],
    ['U+FEFF byte-order mark', '\uFEFF'],
    ['U+FFF9 interlinear annotation anchor', '\uFFF9'],
    ['U+E0041 tag letter A', '\u{E0041}'],
    ['U+2028 line separator', '\u2028'],
    ['U+2029 paragraph separator', '\u2029'],
    ['U+E000 private use', '\uE000'],
    ['U+F8FF private use', '\uF8FF'],
    ['U+F0000 supplementary private use', '\u{F0000}'],
    ['a lone high surrogate', '\uD83D'],
    ['a lone low surrogate', '\uDC4D'],
    ['U+FDD0 noncharacter', '\uFDD0'],
    ['U+FFFE noncharacter', '\uFFFE'],
    ['U+1FFFF noncharacter', '\u{1FFFF}'],
    ['U+3164 Hangul filler', '\u3164'],
    ['U+115F Hangul choseong filler', '\u115F'],
    ['U+FFA0 half-width Hangul filler', '\uFFA0'],
    ['U+2800 blank Braille pattern', '\u2800'],
    ['U+034F combining grapheme joiner', '\u034F'],
  ])('finds %s inside a text of one line or several', (_name, char) => {
    const text = `王${char}建国`

    expect(hiddenCharacterIn(text, 'line')).toBe(char)
    expect(hiddenCharacterIn(text, 'lines')).toBe(char)
  })

  it.each([
    ['a line break', '\n'],
    ['a tab', '\t'],
    ['a carriage return', '\r'],
  ])('finds %s in a one-line field', (_name, char) => {
    expect(hiddenCharacterIn(`王${char}建国`, 'line')).toBe(char)
  })

  it.each([
    ['line breaks', '一、不给积分\n二、态度冷淡'],
    ['a tab', '数量\t2'],
  ])('lets a text of several lines hold %s', (_name, text) => {
    expect(hiddenCharacterIn(text, 'lines')).toBeNull()
  })

  it('finds a carriage return left in a text of several lines (line ends are normalised first)', () => {
    expect(hiddenCharacterIn('第一行\r第二行', 'lines')).toBe('\r')
  })

  it.each([
    ['a family', '👨\u200D👩\u200D👧'],
    ['a person with a skin tone at a laptop', '👩🏽\u200D💻'],
    ['a health worker (a symbol and a variation selector)', '👨\u200D⚕\uFE0F'],
    ['the rainbow flag (after a variation selector)', '🏳\uFE0F\u200D🌈'],
    ['a heart on fire', '❤\uFE0F\u200D🔥'],
  ])('lets a zero-width joiner join the emoji of %s', (_name, emoji) => {
    expect(hiddenCharacterIn(`好评${emoji}`, 'line')).toBeNull()
  })

  it.each([
    ['between two Chinese characters', '王\u200D建国'],
    ['after an emoji, before a letter', '👍\u200D王'],
    ['before an emoji, after a letter', '王\u200D👍'],
    ['at the start', '\u200D👍'],
    ['at the end', '👍\u200D'],
  ])('finds a zero-width joiner %s', (_name, text) => {
    expect(hiddenCharacterIn(text, 'line')).toBe('\u200D')
  })

  it('gives the first hidden character when there are several', () => {
    expect(hiddenCharacterIn('a\u200Bb\u202Ec', 'line')).toBe('\u200B')
  })
})
