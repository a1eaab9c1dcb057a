import { z } from 'zod'
import { callRequest, defineContract, fieldErrors } from '@/contracts/define'

describe('callRequest', () => {
  it('accepts an action with a payload and a request id', () => {
    const body = { action: 'register', payload: { realName: '王建国' }, requestId: 'req-abc_12345' }

    const result = callRequest.safeParse(body)

    expect(result).toEqual({ success: true, data: body })
  })

  it('needs neither a payload nor a request id (reads carry none)', () => {
    const result = callRequest.safeParse({ action: 'me' })

    expect(result).toEqual({ success: true, data: { action: 'me' } })
  })

  it.each([
    ['abcdefgh', 'exactly 8 characters'],
    ['a'.repeat(64), 'exactly 64 characters'],
    ['REQ_2026-11-23_0001', 'letters, digits, dash and underscore'],
    ['0123456789', 'digits only'],
  ])('accepts the request id %p (%s)', (requestId) => {
    expect(callRequest.safeParse({ action: 'register', requestId }).success).toBe(true)
  })

  it.each([
    ['abcdefg', '7 characters'],
    ['a'.repeat(65), '65 characters'],
    ['req abc 123', 'a space'],
    ['req.abc.123', 'dots'],
    ['req/abc/123', 'slashes'],
    ['请求编号一二三四五', 'Chinese characters'],
    ['', 'empty'],
  ])('refuses the request id %p (%s) with a Chinese message', (requestId) => {
    const result = callRequest.safeParse({ action: 'register', requestId })

    expect(result.success).toBe(false)
    expect(fieldErrors(result.error!)).toEqual({ requestId: '请求编号格式不正确' })
  })

  it.each([
    ['', 'empty'],
    ['a'.repeat(65), 'longer than 64 characters'],
  ])('refuses the action %p (%s)', (action) => {
    const result = callRequest.safeParse({ action })

    expect(result.success).toBe(false)
    expect(Object.keys(fieldErrors(result.error!))).toEqual(['action'])
  })

  it.each([{}, { payload: {} }, { action: 7 }])(
    'refuses a body without an action name: %p',
    (body) => {
      const result = callRequest.safeParse(body)

      expect(result.success).toBe(false)
      expect(Object.keys(fieldErrors(result.error!))).toContain('action')
    },
  )

  it.each([null, 'register', 42])('refuses a body that is not an object: %p', (body) => {
    const result = callRequest.safeParse(body)

    expect(result.success).toBe(false)
    expect(Object.keys(fieldErrors(result.error!))).toEqual(['_'])
  })
})

describe('fieldErrors', () => {
  const schema = z
    .object({
      name: z
        .string()
        .min(2, '太短')
        .regex(/^[^0-9]+$/, '不能有数字'),
      shop: z.object({ address: z.string({ error: '请填写地址' }) }),
      tags: z.array(z.string({ error: '标签需为文字' })),
    })
    .strict()

  function errorsFor(value: unknown) {
    const result = schema.safeParse(value)
    if (result.success) throw new Error('expected the value to be refused')
    return fieldErrors(result.error)
  }

  it('gives one message per field, keyed by the field name', () => {
    const fields = errorsFor({ name: 'x', shop: { address: 'a' }, tags: [] })

    expect(fields).toEqual({ name: '太短' })
  })

  it('keeps only the first message when a field breaks several rules', () => {
    const fields = errorsFor({ name: '1', shop: { address: 'a' }, tags: [] })

    expect(fields).toEqual({ name: '太短' })
  })

  it('keys nested fields by their dotted path', () => {
    const fields = errorsFor({ name: '王建国', shop: {}, tags: ['a', 3] })

    expect(fields).toEqual({ 'shop.address': '请填写地址', 'tags.1': '标签需为文字' })
  })

  it('collects the messages of every wrong field at once', () => {
    const fields = errorsFor({ name: 'x', shop: {}, tags: [1] })

    expect(fields).toEqual({ name: '太短', 'shop.address': '请填写地址', 'tags.0': '标签需为文字' })
  })

  it('puts a problem with the whole payload under "_"', () => {
    const fields = errorsFor({ name: '王建国', shop: { address: 'a' }, tags: [], extra: true })

    expect(Object.keys(fields)).toEqual(['_'])
  })

  it('gives nothing for an error without issues', () => {
    const fields = fieldErrors(new z.ZodError([]))

    expect(fields).toEqual({})
  })
})

describe('defineContract', () => {
  it('names a cloud function and keeps its actions as given', () => {
    const input = z.object({}).strict()

    const contract = defineContract('demo', { ping: { input, mutating: false } })

    expect(contract).toEqual({ name: 'demo', actions: { ping: { input, mutating: false } } })
  })
})
