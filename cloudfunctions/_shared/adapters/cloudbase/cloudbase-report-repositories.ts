import type { ClubEvent } from '../../../../src/domain/event/event'
import type { MemberStatus } from '../../../../src/domain/member/member'
import type { EntryLabel, EntryType } from '../../../../src/domain/points/points'
import type { EventTally } from '../../../../src/domain/report/report-rows'
import type { StarValue } from '../../../../src/domain/star/star'
import type { AuditRecord, AuditRepository, ReportRepository } from '../../ports'
import {
  collectionAccess,
  readAll,
  readPage,
  withoutId,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { COLLECTIONS } from './cloudbase-schema'

type Doc = Record<string, unknown>
/** One stage of a raw MongoDB-style pipeline, as `collection.aggregate(pipeline)` takes it. */
export type PipelineStage = Record<string, unknown>

/** Events whose no-shows one aggregation counts; keeps each `$in` list short. */
const EVENTS_PER_COUNT = 100

/**
 * The Shanghai month (YYYY-MM) of an ISO instant stored as a string: parsed to a date, then
 * formatted in Asia/Shanghai (UTC+8 all year, as the SQLite adapter's fixed offset).
 */
const shanghaiMonthOf = (field: string) => ({
  $dateToString: {
    date: { $dateFromString: { dateString: `$${field}` } },
    format: '%Y-%m',
    timezone: 'Asia/Shanghai',
  },
})

/**
 * The aggregation pipelines of the reports, as plain data: node-sdk's `collection.aggregate(raw)`
 * sends each `{ $stage: value }` as it is (its `$match` is not rewritten either, so queries here
 * use MongoDB operators). Every pipeline ends in a `$limit`: the default cap on an aggregation's
 * output is not documented (PLATFORM §1). The limits are far above the groups there can be.
 */
export const REPORT_PIPELINES = {
  membersByStatus: (): PipelineStage[] => [
    { $group: { _id: '$status', count: { $sum: 1 } } },
    { $limit: 100 },
  ],
  starsOfYear: (year: number): PipelineStage[] => [
    { $match: { year } },
    { $group: { _id: '$star', count: { $sum: 1 } } },
    { $limit: 100 },
  ],
  approvalsByMonth: (from: string, to: string): PipelineStage[] => [
    {
      $match: {
        status: { $nin: ['pending', 'rejected'] },
        reviewedAt: { $gte: from, $lt: to },
      },
    },
    { $project: { month: shanghaiMonthOf('reviewedAt') } },
    { $group: { _id: '$month', count: { $sum: 1 } } },
    { $sort: { _id: 1 } },
    { $limit: 1000 },
  ],
  pointsByMonth: (from: string, to: string): PipelineStage[] => [
    { $match: { at: { $gte: from, $lt: to } } },
    { $project: { type: 1, label: 1, points: 1, month: shanghaiMonthOf('at') } },
    {
      $group: {
        _id: { month: '$month', type: '$type', label: '$label' },
        points: { $sum: '$points' },
        entries: { $sum: 1 },
      },
    },
    { $sort: { '_id.month': 1, '_id.type': 1, '_id.label': 1 } },
    // 12 months × 5 types × a handful of labels: a few hundred groups at most.
    { $limit: 1000 },
  ],
  noShowsOfEvents: (eventIds: readonly string[]): PipelineStage[] => [
    { $match: { eventId: { $in: [...eventIds] }, noShowAt: { $ne: null } } },
    { $group: { _id: '$eventId', count: { $sum: 1 } } },
    { $limit: EVENTS_PER_COUNT },
  ],
}

/**
 * The admin reports' counts over the CloudBase database: one aggregation each, run outside any
 * transaction (aggregations never take part in one, PLATFORM §1); events are read as documents
 * and their no-shows counted by aggregation, a hundred events at a time.
 */
export function cloudbaseReportRepositories(
  source: CollectionSource,
  command: DbCommand,
): { reports: ReportRepository } {
  const { coll } = collectionAccess(source, false)
  // Only a collection opened with `raw: true` sends the pipeline: otherwise @cloudbase/database
  // drops it and sends an empty one (collection.js, aggregate()), which answers raw documents.
  const aggregate = async (name: string, pipeline: PipelineStage[]) =>
    ((await coll(name).options({ raw: true }).aggregate(pipeline).end()).data ?? []) as Doc[]

  return {
    reports: {
      clerkTally: async (actorId, from, to) => {
        const between = command.gte(from).and(command.lt(to))
        const [sales, checkIns] = await Promise.all([
          coll(COLLECTIONS.pointsLedger)
            .where({ actorId, type: 'earn', label: 'purchase', at: between })
            .count(),
          coll(COLLECTIONS.eventSignups)
            .where({ checkedInBy: actorId, checkedInAt: between })
            .count(),
        ])
        return { sales: sales.total as number, checkIns: checkIns.total as number }
      },
      membersByStatus: async () =>
        (await aggregate(COLLECTIONS.members, REPORT_PIPELINES.membersByStatus())).map((d) => ({
          status: d._id as MemberStatus,
          count: d.count as number,
        })),
      starsOfYear: async (year) =>
        (await aggregate(COLLECTIONS.stars, REPORT_PIPELINES.starsOfYear(year)))
          .map((d) => ({ star: d._id as StarValue, count: d.count as number }))
          .sort((a, b) => a.star - b.star),
      approvalsByMonth: async (from, to) =>
        (await aggregate(COLLECTIONS.members, REPORT_PIPELINES.approvalsByMonth(from, to))).map(
          (d) => ({ month: d._id as string, count: d.count as number }),
        ),
      pointsByMonth: async (from, to) =>
        (await aggregate(COLLECTIONS.pointsLedger, REPORT_PIPELINES.pointsByMonth(from, to))).map(
          (d) => {
            const key = d._id as { month: string; type: EntryType; label: EntryLabel }
            return {
              month: key.month,
              type: key.type,
              label: key.label,
              points: d.points as number,
              entries: d.entries as number,
            }
          },
        ),
      eventTallies: async (from, to) => {
        const events = (
          await readAll(
            coll(COLLECTIONS.events)
              .where({ status: 'published', endAt: command.gte(from).and(command.lt(to)) })
              .orderBy('endAt', 'asc')
              .orderBy('_id', 'asc'),
          )
        ).map((d) => withoutId<ClubEvent>(d, 'id'))
        const noShows = new Map<string, number>()
        for (let i = 0; i < events.length; i += EVENTS_PER_COUNT) {
          const ids = events.slice(i, i + EVENTS_PER_COUNT).map((e) => e.id)
          const counted = await aggregate(
            COLLECTIONS.eventSignups,
            REPORT_PIPELINES.noShowsOfEvents(ids),
          )
          for (const d of counted) noShows.set(d._id as string, d.count as number)
        }
        return events.map((e): EventTally => ({
          eventId: e.id,
          title: e.title,
          kind: e.kind,
          startAt: e.startAt,
          endAt: e.endAt,
          capacity: e.capacity,
          confirmed: e.confirmed,
          checkedIn: e.checkedIn ?? 0,
          noShows: noShows.get(e.id) ?? 0,
          noShowsMarked: e.noShowsMarked === true,
        }))
      },
    },
  }
}

/**
 * The audit log page's search over CloudBase: one filtered, ordered query (indexes on actorId,
 * action and targetId, each with `at`, in docs/deploy.md) and the filter's count.
 */
export function cloudbaseAuditSearch(
  source: CollectionSource,
  command: DbCommand,
): AuditRepository['search'] {
  const { coll } = collectionAccess(source, false)
  return async (filter, offset, limit) => {
    if (filter.targetIds && filter.targetIds.length === 0) return { items: [], total: 0 }
    const where: Doc = {}
    if (filter.actorId !== undefined) where.actorId = filter.actorId
    if (filter.action !== undefined) where.action = filter.action
    if (filter.targetIds) where.targetId = command.in(filter.targetIds)
    if (filter.from !== undefined && filter.to !== undefined) {
      where.at = command.gte(filter.from).and(command.lt(filter.to))
    } else if (filter.from !== undefined) where.at = command.gte(filter.from)
    else if (filter.to !== undefined) where.at = command.lt(filter.to)
    const query = Object.keys(where).length
      ? coll(COLLECTIONS.audit).where(where)
      : coll(COLLECTIONS.audit)
    // count() never takes part in a transaction: inside one, `total` is the committed count.
    const [rows, count] = await Promise.all([
      readPage(query.orderBy('at', 'desc').orderBy('_id', 'desc'), offset, limit),
      query.count(),
    ])
    return {
      items: rows.map((d) => withoutId<AuditRecord>(d, 'id')),
      total: count.total as number,
    }
  }
}
