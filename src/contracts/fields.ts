import * as z from 'zod'
import { hiddenCharacterIn, normaliseTypedText, type TextLayout } from '../domain/shared/typed-text'

/** Field schemas several contracts share. */

/** An instant as the client sends it: an ISO 8601 date-time string. */
export const isoInstant = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v), '请填写正确的时间')

/** The field message for typed text holding a character nobody can see (see `hiddenCharacterIn`). */
export const hiddenCharacterMessage = (label: string) =>
  `${label}含有不可见或无法显示的字符，请删除后重新填写`

/** A string as typed, normalised (see `normaliseTypedText`); anything else is left to the schema. */
const normalisedTyped = (v: unknown) => (typeof v === 'string' ? normaliseTypedText(v) : v)

/** A string schema refusing hidden characters first, so that is the message the person sees. */
export const visibleString = (label: string, layout: TextLayout, missing = `请填写${label}`) =>
  z.string({ error: missing }).refine((v) => hiddenCharacterIn(v, layout) === null, {
    message: hiddenCharacterMessage(label),
    abort: true,
  })

type TypedTextOptions = {
  /** `line` refuses line breaks and tabs too (names, addresses, titles); default `lines`. */
  layout?: TextLayout
  /** The message when the field is missing; default 请填写<label>. */
  missing?: string
}

/**
 * Text a person types that others see: normalised (NFC, `\n` line ends, trimmed), refused when it
 * holds a hidden character, between `min` and `max` characters, with messages naming it.
 */
export const trimmedText = (
  label: string,
  min: number,
  max: number,
  { layout = 'lines', missing }: TypedTextOptions = {},
) =>
  z.preprocess(
    normalisedTyped,
    visibleString(label, layout, missing)
      .min(min, `${label}为${min}–${max}个字`)
      .max(max, `${label}为${min}–${max}个字`),
  )
