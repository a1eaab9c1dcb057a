import { purchaseOutcomeOf } from '../../src/domain/points/purchase'
import { ok } from '../../src/domain/shared/result'
import { sameRequest } from './idempotent'
import { creditEntry } from './points-credit'
import {
  noMemberScene,
  type CounterScene,
  type CounterStore,
  type MemberScene,
  type Repositories,
  type Store,
} from './ports'

/** The scene of a member's own action from the repositories, one read each. */
export async function memberSceneFromReads(
  read: Repositories,
  openid: string,
): Promise<MemberScene> {
  const member = await read.members.byOpenid(openid)
  if (!member) return noMemberScene()
  const [staff, stars, club, signups] = await Promise.all([
    read.staff.byOpenid(openid),
    read.stars.forMember(member.id),
    read.clubs.byMember(member.id),
    read.signups.forMember(member.id),
  ])
  return { member, staff, stars, club, signups }
}

/** The scene of a card verify from the repositories, one read each (cheap where reads are local). */
export async function sceneFromReads(
  read: Repositories,
  { staffOpenid, cardNo }: { staffOpenid: string; cardNo: string },
): Promise<CounterScene> {
  const [staff, card, member] = await Promise.all([
    read.staff.byOpenid(staffOpenid),
    read.cards.byCardNo(cardNo),
    read.members.byCardNo(cardNo),
  ])
  if (!member) return { staff, card, member, holder: null, account: null, stars: [], club: null }
  const [holder, account, stars, club] = await Promise.all([
    read.staff.byOpenid(member.openid),
    read.points.account(member.id),
    read.stars.forMember(member.id),
    read.clubs.byMember(member.id),
  ])
  return { staff, card, member, holder, account, stars, club }
}

/**
 * The counter over a store whose transactions are cheap (the embedded one): the scene read by
 * read, and a code's use in one transaction — the card's step moved on only past its last
 * accepted one and for the version the code was made for, its audit record inserted under the
 * code's id.
 */
export function counterOverRepositories(
  read: Repositories,
  transaction: Store['transaction'],
): CounterStore {
  return {
    scene: (query) => sceneFromReads(read, query),
    useCode: (use) =>
      transaction(async (tx) => {
        const card = await tx.cards.byCardNo(use.cardNo)
        if (!card || card.version !== use.version) return 'stale'
        if (card.lastScanRequestId === use.scan.requestId && card.lastAcceptedStep === use.step) {
          return 'used'
        }
        if (!(await tx.cards.acceptStep(use.cardNo, use.step, use.scan))) return 'replayed'
        await tx.audit.append(use.audit)
        return 'used'
      }),
    // One transaction: the account, the entry, the notice and the request record together. A
    // retry fails to add the entry or the record again, and is answered from the record.
    async creditPurchase({ request, entry }, rules) {
      try {
        return await transaction(async (tx) => {
          const credited = await creditEntry(tx, entry, rules.credit)
          if (!credited.ok) {
            // A retry of a purchase credited before the closure: answered from its record.
            if (await tx.requests.get(request.requestId)) throw new Error('credited before')
            // Closed since the action read the member: nothing is written.
            return 'closed' as const
          }
          const { balance } = credited.data
          const notice = rules.notice(entry, balance)
          if (notice) await tx.outbox.addNew(notice)
          // The purchase's own answer (its entry id and balance among it), so that the voucher
          // path's request log answers a reuse of this request id as a retry is answered.
          const answer = purchaseOutcomeOf(entry, balance)
          await tx.requests.put({ ...request, result: ok(answer), at: entry.at })
          return { entry, balance }
        })
      } catch (error) {
        const prior = await read.requests.get(request.requestId)
        if (!prior) throw error
        if (!sameRequest(prior, request)) return 'reused'
        const first = (prior.result as { data?: { entryId?: string; balance?: number } }).data
        const firstEntry = first?.entryId ? await read.points.entry(first.entryId) : null
        if (!firstEntry || first?.balance === undefined) throw error
        return { entry: firstEntry, balance: first.balance }
      }
    },
    // Nothing is ever left half-way: each credit is one transaction.
    settleCredits: async () => 0,
  }
}
