import { randomBytes } from 'node:crypto'
import { closeAccount } from '../../../../cloudfunctions/_shared/account-closure'
import {
  PURCHASE_CREDIT,
  purchaseEntryIdOf,
} from '../../../../cloudfunctions/_shared/points-credit'
import type { PointsAccount } from '@/domain/points/points'
import {
  codeUseId,
  type AuditRecord,
  type CardRecord,
  type CodeUse,
  type MemberRecord,
  type PurchaseCredit,
  type StaffRecord,
  type Store,
} from '../../../../cloudfunctions/_shared/ports'
import type { Signup } from '@/domain/event/signup'
import type { StarGrant } from '@/domain/star/star'
import { aContractMember, CONTRACT_CIPHER } from './contract-member'
import { anEvent, aSignup } from '../../../domain/event/builders'

const RUN = `cc${Date.now().toString(36)}${randomBytes(3).toString('hex')}`
let serial = 0
const unique = (label: string) => `${label}-${RUN}-${++serial}`
/** Card numbers are 12 digits; each case takes its own. */
const aCardNo = () =>
  `9${String(Date.now() % 1e6).padStart(6, '0')}${String(++serial % 1e5).padStart(5, '0')}`

const aStaff = (overrides: Partial<StaffRecord> = {}): StaffRecord => ({
  id: unique('staff'),
  openid: unique('o-staff'),
  name: '张店员',
  role: 'clerk',
  site: '鼓楼店',
  status: 'active',
  createdAt: '2026-11-20T02:00:00.000Z',
  version: 1,
  ...overrides,
})

function aCard(cardNo: string, memberId: string, overrides: Partial<CardRecord> = {}): CardRecord {
  return {
    cardNo,
    memberId,
    version: 1,
    status: 'active',
    issuedAt: '2026-11-21T02:00:00.000Z',
    secret: CONTRACT_CIPHER.seal('card-secret', 'c2VjcmV0'),
    lastAcceptedStep: 100,
    lastScanBy: null,
    lastScanAt: null,
    lastScanRequestId: null,
    ...overrides,
  }
}

function aUse(
  card: CardRecord,
  clerk: StaffRecord,
  step: number,
  requestId = unique('req'),
): CodeUse {
  const at = '2026-11-23T02:00:00.000Z'
  const audit: AuditRecord = {
    id: codeUseId(card.cardNo, card.version, step),
    actorId: clerk.id,
    actorRole: clerk.role,
    action: 'card.verify',
    targetType: 'member',
    targetId: card.memberId,
    before: null,
    after: { cardNo: card.cardNo },
    reason: 'counter',
    requestId,
    at,
  }
  return {
    cardNo: card.cardNo,
    version: card.version,
    step,
    scan: { by: clerk.id, at, requestId },
    audit,
  }
}

/**
 * The counter port (cloudfunctions/_shared/ports.ts: CounterStore) on every adapter: the scene
 * of a verify read together, and a code's use recorded once with its audit record.
 */
export function describeScenesContract(
  name: string,
  open: () => Promise<{ store: Store; cleanup(): Promise<void> }>,
): void {
  describe(`Scenes contract (${name})`, () => {
    let store: Store
    let cleanup: () => Promise<void>
    beforeEach(async () => {
      ;({ store, cleanup } = await open())
    })
    afterEach(() => cleanup())

    /** A clerk, and an active member with a card, an account, two stars and a club membership. */
    async function aCounter() {
      const clerk = aStaff()
      const cardNo = aCardNo()
      const member = aContractMember(unique('m'), { status: 'active', cardNo })
      const card = aCard(cardNo, member.id)
      const grant = (year: number, star: StarGrant['star']): StarGrant => ({
        memberId: member.id,
        year,
        star,
        source: 'rule',
        reason: null,
        grantedAt: `${year}-01-01T02:00:00.000Z`,
      })
      const account = {
        memberId: member.id,
        balance: 320,
        lots: [
          {
            id: unique('lot'),
            earnedAt: '2026-03-01T02:00:00.000Z',
            expiresAt: '2027-03-01T02:00:00.000Z',
            remaining: 320,
          },
        ],
        version: 1,
      }
      const club = {
        memberId: member.id,
        state: 'active' as const,
        since: '2026-02-01T02:00:00.000Z',
        appliedAt: '2026-01-20T02:00:00.000Z',
        joinedAt: '2026-02-01T02:00:00.000Z',
        graceYear: null,
        decidedBy: null,
        reason: null,
        resumeState: null,
        version: 1,
      }
      await store.transaction(async (tx) => {
        expect(await tx.staff.insert(clerk)).toEqual({ ok: true })
        expect(await tx.members.insert(member)).toEqual({ ok: true })
        expect(await tx.cards.insert(card)).toEqual({ ok: true })
        expect(await tx.points.saveAccount(account)).toEqual({ ok: true })
        await tx.stars.put(grant(2026, 3))
        await tx.stars.put(grant(2025, 2))
        expect(await tx.clubs.save(club)).toEqual({ ok: true })
      })
      return { clerk, member, card, account, club, stars: [grant(2025, 2), grant(2026, 3)] }
    }

    describe('counter.scene', () => {
      it('reads the clerk, the card, its member, their account, stars (oldest first) and club together', async () => {
        const { clerk, member, card, account, club, stars } = await aCounter()

        const scene = await store.counter.scene({ staffOpenid: clerk.openid, cardNo: card.cardNo })

        expect(scene).toEqual({ staff: clerk, card, member, holder: null, account, stars, club })
      })

      it("finds the cardholder's openid among the staff (legacy data)", async () => {
        const { clerk, member, card } = await aCounter()
        const holder = aStaff({ openid: member.openid, role: 'reviewer' })
        await store.transaction(async (tx) =>
          expect(await tx.staff.insert(holder)).toEqual({ ok: true }),
        )

        const scene = await store.counter.scene({ staffOpenid: clerk.openid, cardNo: card.cardNo })

        expect(scene.holder).toEqual(holder)
      })

      it('gives nulls for a card number nobody holds, and no staff for an openid that is none', async () => {
        const { clerk } = await aCounter()

        const unknownCard = await store.counter.scene({
          staffOpenid: clerk.openid,
          cardNo: aCardNo(),
        })
        const notStaff = await store.counter.scene({
          staffOpenid: unique('o-nobody'),
          cardNo: aCardNo(),
        })

        expect(unknownCard).toEqual({
          staff: clerk,
          card: null,
          member: null,
          holder: null,
          account: null,
          stars: [],
          club: null,
        })
        expect(notStaff.staff).toBeNull()
      })
    })

    describe('memberScene', () => {
      it('reads a member by openid with their staff account, stars, club and sign-ups (newest first)', async () => {
        const { member, club, stars } = await aCounter()
        const holder = aStaff({ openid: member.openid, status: 'revoked', version: 2 })
        const signup = (eventId: string, createdAt: string): Signup =>
          aSignup('confirmed', { eventId, memberId: member.id, createdAt, updatedAt: createdAt })
        const events = [1, 2].map(() => anEvent({ id: unique('ev'), version: 1 }))
        const older = signup(events[0]!.id, '2026-03-01T02:00:00.000Z')
        const newer = signup(events[1]!.id, '2026-04-01T02:00:00.000Z')
        await store.transaction(async (tx) => {
          expect(await tx.staff.insert(holder)).toEqual({ ok: true })
          for (const event of events) expect(await tx.events.save(event)).toEqual({ ok: true })
          expect(await tx.signups.save(older)).toEqual({ ok: true })
          expect(await tx.signups.save(newer)).toEqual({ ok: true })
        })

        const scene = await store.memberScene(member.openid)

        expect(scene).toEqual({ member, staff: holder, stars, club, signups: [newer, older] })
      })

      it('gives no member, and nothing else, for an openid that is no member', async () => {
        const clerk = aStaff()
        await store.transaction(async (tx) =>
          expect(await tx.staff.insert(clerk)).toEqual({ ok: true }),
        )

        const scene = await store.memberScene(clerk.openid)

        expect(scene).toEqual({ member: null, staff: null, stars: [], club: null, signups: [] })
      })
    })

    describe('counter.useCode', () => {
      it("records the use with its audit record and moves the card's step and scan to it", async () => {
        const { clerk, card } = await aCounter()
        const use = aUse(card, clerk, 101)

        const outcome = await store.counter.useCode(use)

        expect(outcome).toBe('used')
        expect(await store.read.cards.byCardNo(card.cardNo)).toEqual({
          ...card,
          lastAcceptedStep: 101,
          lastScanBy: clerk.id,
          lastScanAt: use.scan.at,
          lastScanRequestId: use.scan.requestId,
        })
        expect(await store.read.audit.forTarget('member', card.memberId)).toEqual([use.audit])
      })

      it('lets a code be used once: another request with the same code is a replay', async () => {
        const { clerk, card } = await aCounter()
        await store.counter.useCode(aUse(card, clerk, 101))

        const again = await store.counter.useCode(aUse(card, clerk, 101))

        expect(again).toBe('replayed')
        expect(await store.read.audit.forTarget('member', card.memberId)).toHaveLength(1)
      })

      it('lets exactly one of two simultaneous uses of one code through', async () => {
        const { clerk, card } = await aCounter()

        const outcomes = await Promise.all([
          store.counter.useCode(aUse(card, clerk, 101)),
          store.counter.useCode(aUse(card, clerk, 101)),
        ])

        expect(outcomes.sort()).toEqual(['replayed', 'used'])
        expect(await store.read.audit.forTarget('member', card.memberId)).toHaveLength(1)
      })

      it('answers the same request again as used, recording nothing more', async () => {
        const { clerk, card } = await aCounter()
        const use = aUse(card, clerk, 101)
        await store.counter.useCode(use)

        const retry = await store.counter.useCode(use)

        expect(retry).toBe('used')
        expect(await store.read.audit.forTarget('member', card.memberId)).toHaveLength(1)
      })

      it('never moves the card back to an older step', async () => {
        const { clerk, card } = await aCounter()
        await store.counter.useCode(aUse(card, clerk, 103))

        await store.counter.useCode(aUse(card, clerk, 102))

        expect(await store.read.cards.byCardNo(card.cardNo)).toMatchObject({
          lastAcceptedStep: 103,
        })
      })

      it('refuses a code of a card re-keyed since, as stale, leaving the card as it was', async () => {
        const { clerk, card } = await aCounter()
        const rekeyed = CONTRACT_CIPHER.seal('card-secret', 'bmV3LXNlY3JldA==')
        await store.transaction((tx) => tx.cards.rekey(card.cardNo, 1, rekeyed))

        const outcome = await store.counter.useCode(aUse(card, clerk, 101))

        expect(outcome).toBe('stale')
        expect(await store.read.cards.byCardNo(card.cardNo)).toMatchObject({
          version: 2,
          lastAcceptedStep: 100,
          lastScanBy: null,
        })
      })
    })

    describe('counter.creditPurchase', () => {
      /** A purchase of `points` for the member by the clerk, under its own request id. */
      function aPurchase(
        member: { id: string },
        clerk: StaffRecord,
        points: number,
        account: PointsAccount | null,
        requestId = unique('req'),
      ): PurchaseCredit {
        const id = purchaseEntryIdOf(requestId)
        return {
          request: { requestId, openid: clerk.openid, fn: 'points', action: 'earnPurchase' },
          account,
          entry: {
            id,
            memberId: member.id,
            type: 'earn',
            label: 'purchase',
            points,
            reference: `purchase:${requestId}`,
            actorId: clerk.id,
            requestId,
            at: '2026-11-23T02:00:00.000Z',
            takes: [],
            lotId: points > 0 ? id : null,
            note: null,
            purchase: {
              amountFen: points * 100,
              paidWithPointsFen: 0,
              earnableFen: points * 100,
              receiptNo: null,
              clerkName: clerk.name,
              site: clerk.site,
            },
          },
        }
      }
      const stateOf = async (memberId: string) => ({
        account: await store.read.points.account(memberId),
        entries: (await store.read.points.history(memberId, 0, 50)).total,
        notices: (await store.read.outbox.forMember(memberId)).length,
      })

      it('credits the entry, a lot on the account and the notice, and answers the balance', async () => {
        const { clerk, member, account } = await aCounter()
        const purchase = aPurchase(member, clerk, 128, account)

        const credited = await store.counter.creditPurchase(purchase, PURCHASE_CREDIT)

        expect(credited).toEqual({ entry: purchase.entry, balance: 448 })
        const after = await stateOf(member.id)
        expect(after.account).toMatchObject({ balance: 448, version: 2 })
        expect(after.account?.lots.map((lot) => [lot.id, lot.remaining])).toEqual([
          [account.lots[0]!.id, 320],
          [purchase.entry.id, 128],
        ])
        expect(await store.read.points.entry(purchase.entry.id)).toEqual(purchase.entry)
        expect(await store.read.outbox.forMember(member.id)).toMatchObject([
          { id: `points-earned:${purchase.entry.id}`, payload: { points: 128, balance: 448 } },
        ])
      })

      it('answers a retry of the same request with the first entry and balance, crediting nothing more', async () => {
        const { clerk, member, account } = await aCounter()
        const purchase = aPurchase(member, clerk, 128, account)
        const first = await store.counter.creditPurchase(purchase, PURCHASE_CREDIT)
        // Meanwhile another purchase moved the balance on.
        await store.counter.creditPurchase(aPurchase(member, clerk, 50, null), PURCHASE_CREDIT)
        const before = await stateOf(member.id)

        const retry = await store.counter.creditPurchase(
          { ...purchase, entry: { ...purchase.entry, points: 999 } },
          PURCHASE_CREDIT,
        )

        expect(retry).toEqual(first)
        expect(await stateOf(member.id)).toEqual(before)
        expect(before.account?.balance).toBe(498)
      })

      it('refuses the same request id from another clerk as reused, changing nothing', async () => {
        const { clerk, member, account } = await aCounter()
        const purchase = aPurchase(member, clerk, 128, account)
        await store.counter.creditPurchase(purchase, PURCHASE_CREDIT)
        const before = await stateOf(member.id)
        const other = aStaff()
        await store.transaction((tx) => tx.staff.insert(other))

        const reused = await store.counter.creditPurchase(
          aPurchase(member, other, 128, account, purchase.request.requestId),
          PURCHASE_CREDIT,
        )

        expect(reused).toBe('reused')
        expect(await stateOf(member.id)).toEqual(before)
      })

      it('credits one request sent twice at once exactly once', async () => {
        const { clerk, member, account } = await aCounter()
        const purchase = aPurchase(member, clerk, 128, account)

        const [a, b] = await Promise.all([
          store.counter.creditPurchase(purchase, PURCHASE_CREDIT),
          store.counter.creditPurchase(purchase, PURCHASE_CREDIT),
        ])

        expect(a).toEqual(b)
        expect(await stateOf(member.id)).toMatchObject({
          account: { balance: 448 },
          entries: 1,
          notices: 1,
        })
      })

      it("loses none of a member's purchases credited at once from the same account read", async () => {
        const { clerk, member, account } = await aCounter()
        const purchases = [10, 20, 30, 40, 50].map((p) => aPurchase(member, clerk, p, account))

        const answers = await Promise.all(
          purchases.map((p) => store.counter.creditPurchase(p, PURCHASE_CREDIT)),
        )

        const after = await stateOf(member.id)
        expect(after.account).toMatchObject({ balance: 470, version: 6 })
        expect(after.account?.lots).toHaveLength(6)
        expect(after).toMatchObject({ entries: 5, notices: 5 })
        // Each answer is the balance its own credit left: all different, the largest the last.
        const balances = answers.map((a) => (typeof a === 'string' ? null : a.balance))
        expect(new Set(balances).size).toBe(5)
        expect(Math.max(...(balances as number[]))).toBe(470)
      })

      /** The member's account closed (a withdrawal) by the store, as the closure use cases do. */
      const closeTheAccount = (member: MemberRecord, clerk: StaffRecord) =>
        store.transaction((tx) =>
          closeAccount(tx, {
            member,
            status: 'withdrawn',
            entryId: unique('closure'),
            actorId: clerk.id,
            requestId: null,
            now: new Date('2026-11-23T01:00:00.000Z'),
          }),
        )

      it('refuses a purchase whose account was closed after the action read it, leaving nothing of it on file', async () => {
        const { clerk, member, account } = await aCounter()
        const purchase = aPurchase(member, clerk, 128, account)
        expect((await closeTheAccount(member, clerk)).ok).toBe(true)
        const before = await stateOf(member.id)

        const credited = await store.counter.creditPurchase(purchase, PURCHASE_CREDIT)

        expect(credited).toBe('closed')
        expect(before.account).toMatchObject({ balance: 0, closedAt: '2026-11-23T01:00:00.000Z' })
        expect(await stateOf(member.id)).toEqual(before)
        expect(await store.read.points.entry(purchase.entry.id)).toBeNull()
      })

      it('answers a retry of a purchase credited before the closure with its first answer', async () => {
        const { clerk, member, account } = await aCounter()
        const purchase = aPurchase(member, clerk, 128, account)
        const first = await store.counter.creditPurchase(purchase, PURCHASE_CREDIT)
        await closeTheAccount(member, clerk)

        const retry = await store.counter.creditPurchase(purchase, PURCHASE_CREDIT)

        expect(retry).toEqual(first)
        expect(first).toMatchObject({ balance: 448 })
        expect(await store.read.points.account(member.id)).toMatchObject({ balance: 0 })
      })

      it('puts a purchase of 0 points on file with no lot and no notice', async () => {
        const { clerk, member, account } = await aCounter()
        const purchase = aPurchase(member, clerk, 0, account)

        const credited = await store.counter.creditPurchase(purchase, PURCHASE_CREDIT)

        expect(credited).toEqual({ entry: purchase.entry, balance: 320 })
        expect(await stateOf(member.id)).toMatchObject({
          account: { balance: 320, version: 1 },
          entries: 1,
          notices: 0,
        })
      })
    })
  })
}
