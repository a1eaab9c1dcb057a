import { z } from 'zod'

/** Field schemas several contracts share. */

/** An instant as the client sends it: an ISO 8601 date-time string. */
export const isoInstant = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v), '请填写正确的时间')

/** Text a person types, trimmed, between `min` and `max` characters, with messages naming it. */
export const trimmedText = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: `请填写${label}` })
      .min(min, `${label}为${min}–${max}个字`)
      .max(max, `${label}为${min}–${max}个字`),
  )
