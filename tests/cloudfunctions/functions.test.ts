import { adminFunction } from '../../cloudfunctions/admin/index'
import type { FunctionHandler } from '../../cloudfunctions/_shared/handler'
import type { Caller } from '../../cloudfunctions/_shared/caller'
import { memberFunction } from '../../cloudfunctions/member/index'
import { isValidCardNumber } from '@/domain/card/card-number'
import { aRegistration } from '../support/builders'
import {
  anActiveMember,
  callerOf,
  newOpenid,
  registered,
  rejected,
} from '../support/registration-flow'
import { addStaff, newRequestId, testDeps } from '../support/test-deps'

const CHINESE = /[\u4e00-\u9fff]/
const HUGE = 'x'.repeat(10_000)
const HUGE_CHINESE = '王'.repeat(10_000)

type World = Awaited<ReturnType<typeof seedWorld>>

/** A store with one of everything: staff of each role, an active member, a pending and a rejected applicant. */
async function seedWorld(t: ReturnType<typeof testDeps>) {
  const reviewer = await addStaff(t.deps, 'reviewer')
  const admin = await addStaff(t.deps, 'admin')
  const clerk = await addStaff(t.deps, 'clerk')
  const member = await anActiveMember(t.deps, reviewer)
  const applicantOpenid = newOpenid()
  const pendingId = await registered(t.deps, applicantOpenid)
  const rejectedOpenid = newOpenid()
  const rejectedId = await registered(t.deps, rejectedOpenid)
  await rejected(t.deps, reviewer, rejectedId)
  return {
    reviewer: callerOf(reviewer.openid),
    admin: callerOf(admin.openid),
    clerk: callerOf(clerk.openid),
    member: callerOf(member.openid),
    applicant: callerOf(applicantOpenid),
    guest: callerOf('o_guest_never_registered'),
    nobody: callerOf(''),
    pendingId,
    rejectedId,
  }
}

/** The envelope must be INPUT.INVALID with at least one field, every message in Chinese. */
function expectInvalidInput(envelope: Awaited<ReturnType<FunctionHandler['handle']>>) {
  expect(envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
  const fields = envelope.ok ? {} : (envelope.error.fields ?? {})
  expect(Object.keys(fields).length).toBeGreaterThan(0)
  for (const message of Object.values(fields)) expect(message).toMatch(CHINESE)
}

describe('functions', () => {
  let t: ReturnType<typeof testDeps>
  let world: World
  beforeAll(async () => {
    t = testDeps()
    world = await seedWorld(t)
  })
  afterAll(() => t.cleanup())

  describe('memberFunction', () => {
    const form = aRegistration()
    const registerCases: [string, unknown][] = [
      ['no payload', undefined],
      ['a null payload', null],
      ['a string payload', 'register me'],
      ['a number payload', 42],
      ['an array payload', [form]],
      ['a missing real name', { ...form, realName: undefined }],
      ['a real name of 10,000 characters', { ...form, realName: HUGE_CHINESE }],
      ['a number as real name', { ...form, realName: 12345 }],
      ['a null real name', { ...form, realName: null }],
      ['a placeholder name', { ...form, realName: '测试' }],
      ['a number as mobile', { ...form, mobile: 13812345678 }],
      ['a mobile of 10 digits', { ...form, mobile: '1381234567' }],
      ['a mobile of 10,000 digits', { ...form, mobile: '1'.repeat(10_000) }],
      ['a query object as mobile', { ...form, mobile: { $ne: '' } }],
      ['a shop name of 10,000 characters', { ...form, shopName: HUGE }],
      ['a shop address of 10,000 characters', { ...form, shopAddress: HUGE_CHINESE }],
      ['a missing licence', { ...form, licenceNo: undefined }],
      ['a licence of 10,000 characters', { ...form, licenceNo: HUGE }],
      ['a number as licence', { ...form, licenceNo: 320100000001 }],
      ['a date that does not exist', { ...form, birthday: '2000-02-30' }],
      ['a number as birthday', { ...form, birthday: 19850615 }],
      ['a null birthday', { ...form, birthday: null }],
      ['no consent', { ...form, consentVersion: '' }],
      ['true as consent', { ...form, consentVersion: true }],
      ['a consent version of 10,000 characters', { ...form, consentVersion: HUGE }],
      ['a malformed referral code', { ...form, referralCode: 'FRIEND' }],
      ['a number as referral code', { ...form, referralCode: 12345 }],
      ['an unknown channel', { ...form, channel: 'tv_advert' }],
      ['an openid in the payload', { ...form, openid: 'o_someone_else' }],
      ['a status in the payload', { ...form, status: 'active' }],
      ['a field of 10,000 characters', { ...form, [HUGE]: HUGE }],
    ]

    it.each(registerCases)(
      'register refuses %s with INPUT.INVALID and saves nothing',
      async (_case, payload) => {
        const before = t.snapshot()

        const envelope = await memberFunction.handle(
          { action: 'register', payload, requestId: newRequestId() },
          callerOf(newOpenid('o_guest')),
          t.deps,
        )

        expectInvalidInput(envelope)
        expect(t.snapshot()).toEqual(before)
      },
    )

    it.each([
      ['an extra field', { refresh: true }],
      ['a field of 10,000 characters', { note: HUGE }],
      ['a string payload', 'me'],
      ['a number payload', 7],
      ['an array payload', []],
    ])('me refuses %s with INPUT.INVALID', async (_case, payload) => {
      const before = t.snapshot()

      const envelope = await memberFunction.handle({ action: 'me', payload }, world.member, t.deps)

      expectInvalidInput(envelope)
      expect(t.snapshot()).toEqual(before)
    })

    it('register needs a client request id, and saves nothing without one', async () => {
      const before = t.snapshot()

      const envelope = await memberFunction.handle(
        { action: 'register', payload: aRegistration() },
        callerOf(newOpenid('o_guest')),
        t.deps,
      )

      expect(envelope).toMatchObject({
        ok: false,
        error: { code: 'INPUT.INVALID', fields: { requestId: expect.stringMatching(CHINESE) } },
      })
      expect(t.snapshot()).toEqual(before)
    })

    it.each([
      ['a request id of 10,000 characters', HUGE],
      ['a number as request id', 12345678],
      ['a request id with spaces', 'req 1234 5678'],
    ])('register refuses %s and saves nothing', async (_case, requestId) => {
      const before = t.snapshot()

      const envelope = await memberFunction.handle(
        { action: 'register', payload: aRegistration(), requestId },
        callerOf(newOpenid('o_guest')),
        t.deps,
      )

      expect(envelope).toMatchObject({
        ok: false,
        error: { code: 'INPUT.INVALID', fields: { requestId: expect.any(String) } },
      })
      expect(t.snapshot()).toEqual(before)
    })

    it.each(['approveRegistration', 'registrations', 'delete'])(
      'answers an action it does not have (%p) with SYS.UNKNOWN_ACTION',
      async (action) => {
        const envelope = await memberFunction.handle(
          { action, payload: {}, requestId: newRequestId() },
          world.member,
          t.deps,
        )

        expect(envelope).toMatchObject({ ok: false, error: { code: 'SYS.UNKNOWN_ACTION' } })
      },
    )

    it.each(['register', 'me'])(
      '%s needs a caller identity from the server context',
      async (action) => {
        const envelope = await memberFunction.handle(
          {
            action,
            payload: action === 'register' ? aRegistration() : {},
            requestId: newRequestId(),
          },
          world.nobody,
          t.deps,
        )

        expect(envelope).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_SIGNED_IN' } })
      },
    )
  })

  describe('adminFunction', () => {
    const registrationsCases: [string, unknown][] = [
      ['an unknown status', { status: 'approved' }],
      ['a null status', { status: null }],
      ['a number as status', { status: 1 }],
      ['a status of 10,000 characters', { status: HUGE }],
      ['a negative offset', { offset: -1 }],
      ['a string as offset', { offset: '0' }],
      ['a fractional offset', { offset: 1.5 }],
      ['an offset beyond 100,000', { offset: 100_001 }],
      ['a limit of 0', { limit: 0 }],
      ['a limit above 100', { limit: 101 }],
      ['a string as limit', { limit: '20' }],
      ['a null limit', { limit: null }],
      ['an extra field', { sort: 'desc' }],
      ['a string payload', 'pending'],
      ['an array payload', ['pending']],
    ]

    it.each(registrationsCases)(
      'registrations refuses %s with INPUT.INVALID',
      async (_case, payload) => {
        const before = t.snapshot()

        const envelope = await adminFunction.handle(
          { action: 'registrations', payload },
          world.reviewer,
          t.deps,
        )

        expectInvalidInput(envelope)
        expect(t.snapshot()).toEqual(before)
      },
    )

    const approveCases: [string, (w: World) => unknown][] = [
      ['no payload', () => undefined],
      ['a null payload', () => null],
      ['a string payload', (w) => w.pendingId],
      ['an empty member id', () => ({ memberId: '' })],
      ['a number as member id', () => ({ memberId: 42 })],
      ['a null member id', () => ({ memberId: null })],
      ['a member id of 10,000 characters', () => ({ memberId: HUGE })],
      ['a list of member ids', (w) => ({ memberId: [w.pendingId] })],
      ['a query object as member id', () => ({ memberId: { $ne: null } })],
      ['a card number in the payload', (w) => ({ memberId: w.pendingId, cardNo: '860000000017' })],
      ['a reason in the payload', (w) => ({ memberId: w.pendingId, reason: '同意' })],
    ]

    it.each(approveCases)(
      'approveRegistration refuses %s with INPUT.INVALID and changes nothing',
      async (_case, payloadOf) => {
        const before = t.snapshot()

        const envelope = await adminFunction.handle(
          { action: 'approveRegistration', payload: payloadOf(world), requestId: newRequestId() },
          world.reviewer,
          t.deps,
        )

        expectInvalidInput(envelope)
        expect(t.snapshot()).toEqual(before)
      },
    )

    const rejectCases: [string, (w: World) => unknown][] = [
      ['no payload', () => undefined],
      ['a null payload', () => null],
      ['a missing reason', (w) => ({ memberId: w.pendingId })],
      ['a null reason', (w) => ({ memberId: w.pendingId, reason: null })],
      ['a number as reason', (w) => ({ memberId: w.pendingId, reason: 404 })],
      [
        'a reason of one character once trimmed',
        (w) => ({ memberId: w.pendingId, reason: ' 否 ' }),
      ],
      ['a reason of 201 characters', (w) => ({ memberId: w.pendingId, reason: '驳'.repeat(201) })],
      ['a reason of 10,000 characters', (w) => ({ memberId: w.pendingId, reason: HUGE })],
      ['a missing member id', () => ({ reason: '资料不全' })],
      ['a number as member id', () => ({ memberId: 42, reason: '资料不全' })],
      ['a member id of 10,000 characters', () => ({ memberId: HUGE, reason: '资料不全' })],
      [
        'a status in the payload',
        (w) => ({ memberId: w.pendingId, reason: '资料不全', status: 'active' }),
      ],
    ]

    it.each(rejectCases)(
      'rejectRegistration refuses %s with INPUT.INVALID and changes nothing',
      async (_case, payloadOf) => {
        const before = t.snapshot()

        const envelope = await adminFunction.handle(
          { action: 'rejectRegistration', payload: payloadOf(world), requestId: newRequestId() },
          world.reviewer,
          t.deps,
        )

        expectInvalidInput(envelope)
        expect(t.snapshot()).toEqual(before)
      },
    )

    it.each([
      ['approveRegistration', (w: World) => ({ memberId: w.pendingId })],
      ['rejectRegistration', (w: World) => ({ memberId: w.pendingId, reason: '资料不全' })],
    ])(
      '%s needs a client request id, and changes nothing without one',
      async (action, payloadOf) => {
        const before = t.snapshot()

        const envelope = await adminFunction.handle(
          { action, payload: payloadOf(world) },
          world.reviewer,
          t.deps,
        )

        expect(envelope).toMatchObject({
          ok: false,
          error: { code: 'INPUT.INVALID', fields: { requestId: expect.stringMatching(CHINESE) } },
        })
        expect(t.snapshot()).toEqual(before)
      },
    )

    it.each(['register', 'me', 'deleteMember'])(
      'answers an action it does not have (%p) with SYS.UNKNOWN_ACTION',
      async (action) => {
        const envelope = await adminFunction.handle(
          { action, payload: {}, requestId: newRequestId() },
          world.admin,
          t.deps,
        )

        expect(envelope).toMatchObject({ ok: false, error: { code: 'SYS.UNKNOWN_ACTION' } })
      },
    )

    const adminActions: [string, (w: World) => unknown][] = [
      ['registrations', () => ({ status: 'pending' })],
      ['approveRegistration', (w) => ({ memberId: w.pendingId })],
      ['rejectRegistration', (w) => ({ memberId: w.pendingId, reason: '资料不全' })],
    ]
    const outsiders: [string, (w: World) => Caller, string][] = [
      ['an active member', (w) => w.member, 'AUTH.FORBIDDEN'],
      ['a pending applicant', (w) => w.applicant, 'AUTH.FORBIDDEN'],
      ['a guest', (w) => w.guest, 'AUTH.FORBIDDEN'],
      ['a clerk', (w) => w.clerk, 'AUTH.FORBIDDEN'],
      ['a caller without an openid', (w) => w.nobody, 'AUTH.NOT_SIGNED_IN'],
    ]
    const matrix = adminActions.flatMap(([action, payloadOf]) =>
      outsiders.map(([who, callerIn, code]) => [action, who, code, payloadOf, callerIn] as const),
    )

    it.each(matrix)(
      '%s called by %s is refused with %s and changes nothing',
      async (action, _who, code, payloadOf, callerIn) => {
        const before = t.snapshot()

        const envelope = await adminFunction.handle(
          { action, payload: payloadOf(world), requestId: newRequestId() },
          callerIn(world),
          t.deps,
        )

        expect(envelope).toEqual({
          ok: false,
          error: { code, message: expect.stringMatching(CHINESE) },
        })
        expect(t.snapshot()).toEqual(before)
      },
    )

    it.each([
      ['a reviewer', (w: World) => w.reviewer],
      ['an admin', (w: World) => w.admin],
    ])('lets %s see the registration queue', async (_who, callerIn) => {
      const envelope = await adminFunction.handle(
        { action: 'registrations', payload: { status: 'pending' } },
        callerIn(world),
        t.deps,
      )

      expect(envelope).toMatchObject({
        ok: true,
        data: { total: 1, items: [{ memberId: world.pendingId, status: 'pending' }] },
      })
    })
  })

  describe('the registration journey through both functions', () => {
    it('register → queue → approve → me: the retailer ends up active with a card and 1★', async () => {
      const retailer = callerOf(newOpenid('o_journey'))
      const registeredEnvelope = await memberFunction.handle(
        { action: 'register', payload: aRegistration(), requestId: newRequestId() },
        retailer,
        t.deps,
      )
      const memberId = registeredEnvelope.ok
        ? (registeredEnvelope.data as { memberId: string }).memberId
        : ''

      const approval = await adminFunction.handle(
        { action: 'approveRegistration', payload: { memberId }, requestId: newRequestId() },
        world.admin,
        t.deps,
      )
      const me = await memberFunction.handle({ action: 'me' }, retailer, t.deps)

      expect(registeredEnvelope).toEqual({ ok: true, data: { memberId, status: 'pending' } })
      const cardNo = approval.ok ? (approval.data as { cardNo: string }).cardNo : ''
      expect(approval).toEqual({ ok: true, data: { memberId, status: 'active', cardNo } })
      expect(isValidCardNumber(cardNo)).toBe(true)
      expect(me).toMatchObject({
        ok: true,
        data: { role: 'member', member: { id: memberId, status: 'active', cardNo, star: 1 } },
      })
    })
  })

  describe('a failure of the store', () => {
    it('becomes SYS.INTERNAL, logged once with the request id, with nothing of it echoed', async () => {
      const requestId = newRequestId()
      const broken = {
        ...t.deps,
        store: {
          ...t.deps.store,
          transaction: () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error at /var/db')),
        },
      }
      const errorsBefore = t.errors.length

      const envelope = await adminFunction.handle(
        { action: 'approveRegistration', payload: { memberId: world.pendingId }, requestId },
        world.reviewer,
        broken,
      )

      expect(envelope).toEqual({
        ok: false,
        error: { code: 'SYS.INTERNAL', message: '系统繁忙，请稍后再试' },
      })
      expect(t.errors.slice(errorsBefore)).toEqual([
        expect.objectContaining({ fn: 'admin', action: 'approveRegistration', requestId }),
      ])
    })
  })
})
