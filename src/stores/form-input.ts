import type { ApiError } from '@/contracts/error-codes'

/** What a form the client checked itself answers: the field messages, nothing sent. */
export const invalidForm = (fields: Record<string, string>): ApiError => ({
  code: 'INPUT.INVALID',
  message: '填写的信息有误，请按提示修改',
  fields,
})

/** Text typed into a number field: blank is "not filled in", anything else is left to the contract. */
export const numberOf = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()))
