/**
 * Text people type that other people see (names, shop names, addresses, complaints, event texts):
 * one normal form, and no characters that show nothing or rearrange what is shown.
 */

/** A one-line field (a name, an address, a title) or a text of several lines (a complaint). */
export type TextLayout = 'line' | 'lines'

/**
 * Controls (C0, DEL, C1), format characters (zero-width space/joiner/non-joiner, word joiner, BOM,
 * soft hyphen, bidi marks, embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069, …),
 * private-use characters, lone surrogates, and the line and paragraph separators. Only general
 * categories: older engines (iOS WeChat) know them, unlike newer property names.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/u

/** Letters and marks that render as nothing: Hangul fillers, the blank Braille pattern, CGJ, … */
const BLANK = new Set([0x115f, 0x1160, 0x3164, 0xffa0, 0x2800, 0x034f, 0x17b4, 0x17b5])

const ZERO_WIDTH_JOINER = 0x200d
const VARIATION_SELECTOR_16 = 0xfe0f

/** The blocks of symbols and pictographs emoji come from (no newer property names, see above). */
const isPictograph = (cp: number) =>
  (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x1f000 && cp <= 0x1faff)

/** Noncharacters: U+FDD0–U+FDEF and the last two code points of every plane. */
const isNoncharacter = (cp: number) => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe

/**
 * Normalises typed text: line ends become `\n`, composed characters NFC (é typed as e + ◌́ is
 * stored as é, so equal-looking texts are equal), and surrounding white space trimmed.
 */
export function normaliseTypedText(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC').trim()
}

/**
 * The first character of `text` nobody can see or print, or null when there is none: controls
 * (NUL included), format characters, private-use characters, lone surrogates, noncharacters,
 * line/paragraph separators and blank fillers. A text of several lines may hold line breaks (`\n`)
 * and tabs; a zero-width joiner is allowed only between two pictographs, where it joins an emoji
 * (👨‍👩‍👧, 🏳️‍🌈). Unassigned code points are not refused: which ones are assigned depends on the
 * engine's Unicode version, and the phone and the server would disagree.
 */
export function hiddenCharacterIn(text: string, layout: TextLayout): string | null {
  const chars = Array.from(text)
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i]!
    const cp = char.codePointAt(0)!
    if (layout === 'lines' && (char === '\n' || char === '\t')) continue
    if (cp === ZERO_WIDTH_JOINER && joinsEmoji(chars[i - 1], chars[i + 1])) continue
    if (INVISIBLE.test(char) || BLANK.has(cp) || isNoncharacter(cp)) return char
  }
  return null
}

function joinsEmoji(before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || after === undefined) return false
  const left = before.codePointAt(0)!
  return (
    (isPictograph(left) || left === VARIATION_SELECTOR_16) && isPictograph(after.codePointAt(0)!)
  )
}
