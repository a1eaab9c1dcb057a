import { z } from 'zod'
import { createHandler } from '../../../cloudfunctions/_shared/handler'
import { PlatformFailure } from '../../../cloudfunctions/_shared/platform-failure'
import { defineContract } from '@/contracts/define'
import { fail, ok } from '@/domain/shared/result'
import { callerOf } from '../../support/registration-flow'
import { newRequestId, sqliteTestDeps } from '../../support/test-deps'

const CHINESE = /[\u4e00-\u9fff]/
const SECRET = 'password=hunter2 at /srv/club/db.sqlite'

const notesContract = defineContract('notes', {
  echo: {
    input: z
      .object({
        text: z.string({ error: '请填写内容' }).min(1, '请填写内容').max(10, '内容最多10个字'),
        count: z.number().int().default(1),
      })
      .strict(),
    mutating: false,
  },
  list: { input: z.object({ limit: z.number().int().default(20) }).strict(), mutating: false },
  save: { input: z.object({ text: z.string() }).strict(), mutating: true },
  explode: { input: z.object({}).strict(), mutating: true },
  explodeOnRead: { input: z.object({}).strict(), mutating: false },
  refuse: { input: z.object({}).strict(), mutating: false },
  misconfigured: { input: z.object({}).strict(), mutating: true },
})

const seen: { input: unknown; openid: string; requestId: string }[] = []

const notesFunction = createHandler(notesContract, {
  echo: async (input, caller, _deps, requestId) => {
    seen.push({ input, openid: caller.openid, requestId })
    return ok({ text: input.text, count: input.count })
  },
  list: async (input) => ok({ limit: input.limit }),
  save: async (input, caller, _deps, requestId) => {
    seen.push({ input, openid: caller.openid, requestId })
    return ok({ saved: input.text })
  },
  explode: async () => {
    throw new Error(SECRET)
  },
  explodeOnRead: async () => {
    throw new Error(SECRET)
  },
  refuse: async () => fail('NOTES.LOCKED', '笔记已锁定'),
  misconfigured: async () => {
    throw new PlatformFailure(
      {
        code: 'MEMBER.PHONE_UNAVAILABLE',
        message: '暂时无法获取',
        fields: { mobile: '暂时无法获取' },
      },
      'grant the permission (docs/deploy.md §8.2)',
    )
  },
})

const someone = callerOf('o_someone')

describe('createHandler', () => {
  let t: ReturnType<typeof sqliteTestDeps>
  beforeEach(() => {
    t = sqliteTestDeps()
    seen.length = 0
  })
  afterEach(() => t.cleanup())

  it('lists the actions of its contract under the contract name', () => {
    expect(notesFunction.name).toBe('notes')
    expect(notesFunction.actions).toEqual([
      'echo',
      'list',
      'save',
      'explode',
      'explodeOnRead',
      'refuse',
      'misconfigured',
    ])
  })

  it('runs the action with the parsed payload and the caller, and wraps its data', async () => {
    const envelope = await notesFunction.handle(
      { action: 'echo', payload: { text: '你好', count: 2 } },
      someone,
      t.deps,
    )

    expect(envelope).toEqual({ ok: true, data: { text: '你好', count: 2 } })
    expect(seen).toEqual([
      { input: { text: '你好', count: 2 }, openid: 'o_someone', requestId: '' },
    ])
  })

  it('passes the schema output to the action: defaults are filled in', async () => {
    const envelope = await notesFunction.handle(
      { action: 'echo', payload: { text: '你好' } },
      someone,
      t.deps,
    )

    expect(envelope).toEqual({ ok: true, data: { text: '你好', count: 1 } })
  })

  it('treats a missing payload as an empty one', async () => {
    const envelope = await notesFunction.handle({ action: 'list' }, someone, t.deps)

    expect(envelope).toEqual({ ok: true, data: { limit: 20 } })
  })

  it('hands the client request id of a mutating action to the action', async () => {
    const requestId = newRequestId()

    const envelope = await notesFunction.handle(
      { action: 'save', payload: { text: 'x' }, requestId },
      someone,
      t.deps,
    )

    expect(envelope).toEqual({ ok: true, data: { saved: 'x' } })
    expect(seen[0]?.requestId).toBe(requestId)
  })

  it('returns a business failure of the action unchanged', async () => {
    const envelope = await notesFunction.handle({ action: 'refuse' }, someone, t.deps)

    expect(envelope).toEqual({ ok: false, error: { code: 'NOTES.LOCKED', message: '笔记已锁定' } })
  })

  it.each(['nothing', 'toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'answers an action the contract does not have (%p) with SYS.UNKNOWN_ACTION',
    async (action) => {
      const envelope = await notesFunction.handle(
        { action, requestId: newRequestId() },
        someone,
        t.deps,
      )

      expect(envelope).toMatchObject({ ok: false, error: { code: 'SYS.UNKNOWN_ACTION' } })
      expect(envelope.ok ? '' : envelope.error.message).toMatch(CHINESE)
      expect(seen).toEqual([])
    },
  )

  it.each([
    ['no body at all', undefined],
    ['null', null],
    ['a string', 'echo'],
    ['an array', [{ action: 'echo' }]],
    ['a body without an action', { payload: { text: '你好' } }],
    ['a numeric action', { action: 7 }],
    ['an empty action', { action: '' }],
    ['an action of 10,000 characters', { action: 'e'.repeat(10_000) }],
    ['a malformed request id', { action: 'echo', payload: { text: '你好' }, requestId: 'a b' }],
  ])(
    'refuses a malformed request envelope (%s) with INPUT.INVALID in Chinese',
    async (_case, request) => {
      const envelope = await notesFunction.handle(request, someone, t.deps)

      expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
      const fields = envelope.ok ? {} : (envelope.error.fields ?? {})
      expect(Object.keys(fields).length).toBeGreaterThan(0)
      for (const message of Object.values(fields)) expect(message).toMatch(CHINESE)
      expect(seen).toEqual([])
    },
  )

  it.each([
    ['a missing field', {}, ['text'], { text: '请填写内容' }],
    ['a field too long', { text: '一二三四五六七八九十十' }, ['text'], { text: '内容最多10个字' }],
    ['a number where a string goes', { text: 42 }, ['text'], { text: '请填写内容' }],
    ['null where a string goes', { text: null }, ['text'], { text: '请填写内容' }],
    ['a string where a number goes', { text: '你好', count: '2' }, ['count'], {}],
    ['a fraction where an integer goes', { text: '你好', count: 1.5 }, ['count'], {}],
    ['an extra field', { text: '你好', openid: 'o_admin' }, ['_'], {}],
    ['a string payload', 'text', ['_'], {}],
    ['an array payload', ['你好'], ['_'], {}],
  ])(
    'refuses a payload with %s with INPUT.INVALID and a Chinese message per field',
    async (_case, payload, keys, exact) => {
      const envelope = await notesFunction.handle({ action: 'echo', payload }, someone, t.deps)

      expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
      const error = envelope.ok ? null : envelope.error
      expect(error?.message).toMatch(CHINESE)
      expect(Object.keys(error?.fields ?? {})).toEqual(keys)
      expect(error?.fields).toMatchObject(exact)
      for (const message of Object.values(error?.fields ?? {})) expect(message).toMatch(CHINESE)
      expect(seen).toEqual([])
    },
  )

  it('reports every invalid field, one message each', async () => {
    const envelope = await notesFunction.handle(
      { action: 'echo', payload: { text: '', count: 'many' } },
      someone,
      t.deps,
    )

    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: { text: '请填写内容', count: expect.any(String) } },
    })
  })

  it('refuses a mutating action without a request id, naming the requestId field', async () => {
    const envelope = await notesFunction.handle(
      { action: 'save', payload: { text: 'x' } },
      someone,
      t.deps,
    )

    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'INPUT.INVALID',
        message: expect.stringMatching(CHINESE),
        fields: { requestId: expect.stringMatching(CHINESE) },
      },
    })
    expect(seen).toEqual([])
  })

  it('refuses a mutating action with an empty request id', async () => {
    const envelope = await notesFunction.handle(
      { action: 'save', payload: { text: 'x' }, requestId: '' },
      someone,
      t.deps,
    )

    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: { requestId: expect.stringMatching(CHINESE) } },
    })
  })

  it('turns anything thrown into SYS.INTERNAL, logged once with the request id', async () => {
    const requestId = newRequestId()

    const envelope = await notesFunction.handle({ action: 'explode', requestId }, someone, t.deps)

    expect(envelope).toEqual({
      ok: false,
      error: { code: 'SYS.INTERNAL', message: '系统繁忙，请稍后再试' },
    })
    expect(t.errors).toHaveLength(1)
    expect(t.errors[0]).toMatchObject({
      fn: 'notes',
      action: 'explode',
      requestId,
      error: expect.stringContaining(SECRET),
    })
  })

  it('answers a platform failure with its own error and logs its instruction once', async () => {
    const requestId = newRequestId()

    const envelope = await notesFunction.handle(
      { action: 'misconfigured', requestId },
      someone,
      t.deps,
    )

    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'MEMBER.PHONE_UNAVAILABLE',
        message: '暂时无法获取',
        fields: { mobile: '暂时无法获取' },
      },
    })
    expect(t.errors).toEqual([
      {
        message: 'platform setup needed',
        fn: 'notes',
        action: 'misconfigured',
        requestId,
        instruction: 'grant the permission (docs/deploy.md §8.2)',
      },
    ])
  })

  it('never echoes the thrown message or its stack in the envelope', async () => {
    const envelope = await notesFunction.handle(
      { action: 'explode', requestId: newRequestId() },
      someone,
      t.deps,
    )

    const text = JSON.stringify(envelope)
    expect(text).not.toContain('hunter2')
    expect(text).not.toContain('/srv/club')
    expect(text).not.toMatch(/\bat \S+ \(/)
    expect(text).not.toContain('handler.test')
  })

  it('logs a failure of a read (which carries no request id) with a null request id', async () => {
    const envelope = await notesFunction.handle({ action: 'explodeOnRead' }, someone, t.deps)

    expect(envelope).toEqual({
      ok: false,
      error: { code: 'SYS.INTERNAL', message: '系统繁忙，请稍后再试' },
    })
    expect(t.errors).toEqual([
      expect.objectContaining({ action: 'explodeOnRead', requestId: null }),
    ])
  })

  it.each([
    ['a string', 'boom'],
    ['a plain object', { secret: SECRET }],
    ['undefined', undefined],
  ])('turns a thrown non-Error (%s) into SYS.INTERNAL as well', async (_case, thrown) => {
    const throwing = createHandler(notesContract, {
      echo: async () => {
        throw thrown
      },
      list: async () => ok(null),
      save: async () => ok(null),
      explode: async () => ok(null),
      explodeOnRead: async () => ok(null),
      refuse: async () => ok(null),
      misconfigured: async () => ok(null),
    })

    const envelope = await throwing.handle(
      { action: 'echo', payload: { text: '你好' } },
      someone,
      t.deps,
    )

    expect(envelope).toEqual({
      ok: false,
      error: { code: 'SYS.INTERNAL', message: '系统繁忙，请稍后再试' },
    })
    expect(JSON.stringify(envelope)).not.toContain('hunter2')
    expect(t.errors).toHaveLength(1)
  })

  it('logs nothing for a business failure or invalid input', async () => {
    await notesFunction.handle({ action: 'refuse' }, someone, t.deps)
    await notesFunction.handle({ action: 'echo', payload: {} }, someone, t.deps)
    await notesFunction.handle({ action: 'nothing' }, someone, t.deps)

    expect(t.errors).toEqual([])
  })
})
