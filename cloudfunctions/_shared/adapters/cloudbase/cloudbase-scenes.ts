import {
  noMemberScene,
  type CounterScene,
  type CounterStore,
  type MemberRecord,
  type MemberScene,
} from '../../ports'
import type { Signup } from '../../../../src/domain/event/signup'
import type { ClubMembership } from '../../../../src/domain/club/club'
import type { StarGrant } from '../../../../src/domain/star/star'
import {
  isDuplicateWrite,
  withoutId,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { COLLECTIONS } from './cloudbase-schema'
import { toCard } from './cloudbase-repositories'
import { toStaff } from './cloudbase-staff-repositories'
import { cloudbasePurchaseCredits, toAccount } from './cloudbase-purchase-credits'

type Doc = Record<string, unknown>

/** An equality join on a field of the row so far (indexed on the joined collection's side). */
const join = (from: string, localField: string, foreignField: string, as: string) => ({
  $lookup: { from, localField, foreignField, as },
})
const firstOf = (path: string) => ({ $arrayElemAt: [path, 0] })

/**
 * The scene of a verify as one aggregation, started from the clerk's staff document (no staff
 * account, no row: the caller is refused anyway). The card number is put on the row as a literal
 * and every other document is joined by equality on a unique or indexed field — `$lookup` with
 * `localField`/`foreignField`, the form that uses the joined collection's index — first the card
 * and its member, then by the member's id and openid the rest.
 */
export function scenePipeline(staffOpenid: string, cardNo: string): Doc[] {
  return [
    { $match: { openid: staffOpenid } },
    { $limit: 1 },
    { $addFields: { sceneCardNo: { $literal: cardNo } } },
    join(COLLECTIONS.cards, 'sceneCardNo', '_id', 'sceneCard'),
    join(COLLECTIONS.members, 'sceneCardNo', 'cardNo', 'sceneMember'),
    {
      $addFields: {
        sceneMemberId: firstOf('$sceneMember._id'),
        sceneHolderOpenid: firstOf('$sceneMember.openid'),
      },
    },
    join(COLLECTIONS.staff, 'sceneHolderOpenid', 'openid', 'sceneHolder'),
    join(COLLECTIONS.pointsAccounts, 'sceneMemberId', '_id', 'sceneAccount'),
    join(COLLECTIONS.stars, 'sceneMemberId', 'memberId', 'sceneStars'),
    join(COLLECTIONS.clubs, 'sceneMemberId', '_id', 'sceneClub'),
  ]
}

const SCENE_FIELDS = [
  'sceneCardNo',
  'sceneCard',
  'sceneMember',
  'sceneMemberId',
  'sceneHolderOpenid',
  'sceneHolder',
  'sceneAccount',
  'sceneStars',
  'sceneClub',
]

/** The aggregation's one row as the scene (an absent member leaves every join on it empty). */
export function sceneOf(row: Doc | undefined): CounterScene {
  if (!row) {
    return {
      staff: null,
      card: null,
      member: null,
      holder: null,
      account: null,
      stars: [],
      club: null,
    }
  }
  const staffDoc = Object.fromEntries(
    Object.entries(row).filter(([k]) => !SCENE_FIELDS.includes(k)),
  )
  const one = (key: string) => ((row[key] as Doc[] | undefined) ?? [])[0] ?? null
  const memberDoc = one('sceneMember')
  const cardDoc = one('sceneCard')
  // Joined on a missing field, a lookup matches documents that lack it: only a found member counts.
  const ofMember = <T>(key: string, to: (d: Doc) => T): T | null => {
    const d = memberDoc ? one(key) : null
    return d ? to(d) : null
  }
  return {
    staff: toStaff(staffDoc),
    card: cardDoc ? toCard(cardDoc) : null,
    member: memberDoc ? withoutId<MemberRecord>(memberDoc, 'id') : null,
    holder: ofMember('sceneHolder', toStaff),
    account: ofMember('sceneAccount', toAccount),
    stars: memberDoc ? grantsOf(row.sceneStars as Doc[] | undefined) : [],
    club: ofMember('sceneClub', (d) => withoutId<ClubMembership>(d, 'memberId')),
  }
}

/**
 * The scene of a member's own action as one aggregation, started from their member document by
 * openid; their staff account by the same openid, stars, club and sign-ups joined to it.
 */
export function memberScenePipeline(openid: string): Doc[] {
  return [
    { $match: { openid } },
    { $limit: 1 },
    join(COLLECTIONS.staff, 'openid', 'openid', 'sceneStaff'),
    join(COLLECTIONS.stars, '_id', 'memberId', 'sceneStars'),
    join(COLLECTIONS.clubs, '_id', '_id', 'sceneClub'),
    join(COLLECTIONS.eventSignups, '_id', 'memberId', 'sceneSignups'),
  ]
}

const grantsOf = (docs: Doc[] | undefined) =>
  (docs ?? []).map(({ _id, ...grant }) => grant as StarGrant).sort((a, b) => a.year - b.year)

/** The member aggregation's one row as the scene. */
export function memberSceneOf(row: Doc): MemberScene {
  const { sceneStaff, sceneStars, sceneClub, sceneSignups, ...memberDoc } = row as Doc & {
    sceneStaff: Doc[]
    sceneStars: Doc[]
    sceneClub: Doc[]
    sceneSignups: Doc[]
  }
  const club = sceneClub[0]
  return {
    member: withoutId<MemberRecord>(memberDoc, 'id'),
    staff: sceneStaff[0] ? toStaff(sceneStaff[0]) : null,
    stars: grantsOf(sceneStars),
    club: club ? withoutId<ClubMembership>(club, 'memberId') : null,
    // Newest first, then event id descending: as `signups.forMember` gives them.
    signups: sceneSignups
      .map(({ _id, ...signup }) => signup as Signup)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.eventId.localeCompare(a.eventId)),
  }
}

/** `store.memberScene` over CloudBase: one aggregation from the member's document. */
export function cloudbaseMemberScene(source: CollectionSource) {
  return async (openid: string): Promise<MemberScene> => {
    const res = await source
      .collection(COLLECTIONS.members)
      .options({ raw: true })
      .aggregate(memberScenePipeline(openid))
      .end()
    const row = (res.data as Doc[] | undefined)?.[0]
    // No member: whoever else stands behind the openid is refused as no member anyway.
    return row ? memberSceneOf(row) : noMemberScene()
  }
}

/**
 * The counter over CloudBase, in as few requests as its guarantees allow. The scene is one
 * aggregation. A code's use is two writes, no transaction: first its audit record inserted under
 * the code's id (`_id` is unique, so of two uses of one code exactly one inserts: single use,
 * atomically, with its audit), then the card's step and scan moved on by one conditional update
 * (`version` unchanged, step not past this one). Should the function stop between the two, the
 * retry of the same request finds its own audit record and finishes the card's update. A
 * purchase's credit is three writes, no transaction (cloudbase-purchase-credits.ts).
 */
export function cloudbaseCounter(source: CollectionSource, command: DbCommand): CounterStore {
  const coll = (name: string) => source.collection(name)
  return {
    async scene({ staffOpenid, cardNo }) {
      // Only a collection opened with `raw: true` sends the pipeline (PLATFORM §1).
      const res = await coll(COLLECTIONS.staff)
        .options({ raw: true })
        .aggregate(scenePipeline(staffOpenid, cardNo))
        .end()
      return sceneOf((res.data as Doc[] | undefined)?.[0])
    },
    async useCode({ cardNo, version, step, scan, audit }) {
      const { id, ...record } = audit
      try {
        await coll(COLLECTIONS.audit).add({ _id: id, ...record })
      } catch (error) {
        if (!isDuplicateWrite(error)) throw error
        const prior = (await coll(COLLECTIONS.audit).doc(id).get()).data?.[0] as Doc | undefined
        if (prior?.requestId !== scan.requestId || prior?.actorId !== scan.by) return 'replayed'
      }
      const scanFields = {
        lastAcceptedStep: step,
        lastScanBy: scan.by,
        lastScanAt: scan.at,
        lastScanRequestId: scan.requestId,
      }
      const moved = await coll(COLLECTIONS.cards)
        .where({ _id: cardNo, version, lastAcceptedStep: command.lte(step) })
        .update(scanFields)
      if (moved.updated === 1) return 'used'
      // Re-keyed since the code was read (its use stays on file, as an attempt), or a later code
      // of the card went first: this one is used, but the card keeps the later scan. A card from
      // before steps were kept has none to compare: it takes this one.
      const card = (await coll(COLLECTIONS.cards).doc(cardNo).get()).data?.[0] as Doc | undefined
      if (!card || card.version !== version) return 'stale'
      if (card.lastAcceptedStep === undefined) {
        await coll(COLLECTIONS.cards).doc(cardNo).update(scanFields)
      }
      return 'used'
    },
    ...cloudbasePurchaseCredits(source, command),
  }
}
