import type { ClubEvent } from '../../../../src/domain/event/event'
import type { Signup } from '../../../../src/domain/event/signup'
import type { EventRepository, SignupRepository } from '../../ports'
import { rememberRead } from './transaction-reads'
import {
  collectionAccess,
  readAll,
  readPage,
  withoutId,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { versionedSaves } from './cloudbase-versioned'
import { COLLECTIONS } from './cloudbase-schema'

type Doc = Record<string, unknown>
type Order = [field: string, direction: 'asc' | 'desc']

/** A sign-up's `_id`: one document per member and event. */
export const signupIdOf = (eventId: string, memberId: string) => `${eventId}_${memberId}`

/** A sign-up document as the record: its `_id` is built from fields it also stores. */
const toSignup = ({ _id, ...signup }: Doc) => signup as Signup
/**
 * An event document as the record. `placing` is the adapter's own (a sign-up settled alone,
 * cloudbase-signup-queue.ts): never part of the record, and kept as stored by every save.
 */
export const toEvent = ({ placing: _placing, ...d }: Doc) => withoutId<ClubEvent>(d, 'id')
const EVENT_OWN_FIELDS = ['placing']

/**
 * Events and their sign-ups over the CloudBase database. An event's `_id` is its id; a sign-up's
 * is `${eventId}_${memberId}`, and it stores both ids. Each document keeps the record's own
 * fields, so queries filter and order on them (status, kind, times, arrival number). Versioned
 * saves read the document first and compare its version in JS (see `saveVersioned`); outside a
 * transaction (`writable: false`) the repositories only read.
 */
export function cloudbaseEventRepositories(
  source: CollectionSource,
  command: DbCommand,
  writable: boolean,
): {
  events: EventRepository
  signups: SignupRepository
} {
  const { coll, getDoc, mustWrite } = collectionAccess(source, writable)
  const save = versionedSaves(source, mustWrite)
  const ordered = (name: string, where: Doc, order: Order[]) =>
    order.reduce((q, [field, direction]) => q.orderBy(field, direction), coll(name).where(where))
  /** One page of a filtered, ordered query and the filter's total. */
  const page = async <T>(
    name: string,
    where: Doc,
    order: Order[],
    offset: number,
    limit: number,
    toRecord: (d: Doc) => T,
  ) => {
    // count() never takes part in a transaction: inside one, `total` is the committed count.
    // Pages longer than one get() are read in several (see `readPage`).
    const [rows, count] = await Promise.all([
      readPage(ordered(name, where, order), offset, limit),
      coll(name).where(where).count(),
    ])
    return { items: rows.map(toRecord), total: count.total as number }
  }

  return {
    events: {
      byId: async (id) => {
        const d = await getDoc(COLLECTIONS.events, id)
        return d ? toEvent(d) : null
      },
      save: ({ id, ...fields }) => save(COLLECTIONS.events, id, fields, EVENT_OWN_FIELDS),
      list: (query, offset, limit) => {
        const where: Doc = { status: command.in(query.statuses) }
        if (query.kind) where.kind = query.kind
        if (query.when) {
          const { upcoming, now } = query.when
          where.endAt = upcoming ? command.gt(now) : command.lte(now)
        }
        const direction = query.when?.upcoming ? 'asc' : 'desc'
        const order: Order[] = [
          ['startAt', direction],
          ['_id', direction],
        ]
        return page(COLLECTIONS.events, where, order, offset, limit, toEvent)
      },
      endedUnmarked: async (before, limit) => {
        const query = ordered(
          COLLECTIONS.events,
          { status: 'published', endAt: command.lte(before), noShowsMarked: false },
          [
            ['endAt', 'asc'],
            ['_id', 'asc'],
          ],
        )
        return (await readPage(query, 0, limit)).map(toEvent)
      },
    },
    signups: {
      get: async (eventId, memberId) => {
        const d = await getDoc(COLLECTIONS.eventSignups, signupIdOf(eventId, memberId))
        return d ? toSignup(d) : null
      },
      // where().get() takes part in a transaction (a queue's batch is far below one page). What
      // it found, and did not, is the snapshot: the saves after it need no read of their own.
      ofMembers: async (eventId, memberIds) => {
        if (memberIds.length === 0) return []
        const res = await coll(COLLECTIONS.eventSignups)
          .where({ eventId, memberId: command.in([...memberIds]) })
          .limit(memberIds.length)
          .get()
        const found = res.data as Doc[]
        const byId = new Map(found.map((d) => [String(d._id), d]))
        for (const memberId of memberIds) {
          const id = signupIdOf(eventId, memberId)
          rememberRead(source, COLLECTIONS.eventSignups, id, byId.get(id) ?? null)
        }
        return found.map(toSignup)
      },
      save: (signup) =>
        save(COLLECTIONS.eventSignups, signupIdOf(signup.eventId, signup.memberId), { ...signup }),
      forEvent: (eventId, status, offset, limit) =>
        page(
          COLLECTIONS.eventSignups,
          status ? { eventId, status } : { eventId },
          [['seq', 'asc']],
          offset,
          limit,
          toSignup,
        ),
      // where().get() takes part in a transaction: the sign-up and cancel transactions read the
      // waitlist's head here, their own writes included.
      firstWaitlisted: async (eventId) => {
        const res = await coll(COLLECTIONS.eventSignups)
          .where({ eventId, status: 'waitlisted' })
          .orderBy('seq', 'asc')
          .limit(1)
          .get()
        const d = (res.data as Doc[])[0]
        return d ? toSignup(d) : null
      },
      // count() never takes part in a transaction: inside one it is the committed count.
      countBefore: async (eventId, status, seq) =>
        (
          await coll(COLLECTIONS.eventSignups)
            .where({ eventId, status, seq: command.lt(seq) })
            .count()
        ).total as number,
      forMember: async (memberId) => {
        const query = ordered(COLLECTIONS.eventSignups, { memberId }, [
          ['createdAt', 'desc'],
          ['eventId', 'desc'],
        ])
        return (await readAll(query)).map(toSignup)
      },
    },
  }
}
