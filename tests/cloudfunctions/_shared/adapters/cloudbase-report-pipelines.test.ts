import {
  cloudbaseReportRepositories,
  REPORT_PIPELINES,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-report-repositories'
import {
  COLLECTIONS,
  type DbCommand,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-repositories'
import { runPipeline } from '../../../support/memory-aggregate'

/** node-sdk's own pipeline builder (@cloudbase/database), which `collection.aggregate(raw)` uses. */
type Stage = { stageKey: string; stageValue: string }
function sdkStages(collection: string, pipeline: unknown[]): Stage[] {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const database = require('@cloudbase/database') as { Db: { reqClass: unknown } }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Aggregation = require('@cloudbase/database/dist/commonjs/aggregate').default as new (
    db: unknown,
    name: string,
    raw: unknown[],
  ) => { unwrap(): Stage[] }
  // The request class is only built, never used: nothing is sent by unwrap().
  database.Db.reqClass = class {}
  return new Aggregation({ config: {} }, collection, pipeline).unwrap()
}

const FROM = '2025-12-31T16:00:00.000Z'
const TO = '2026-12-31T16:00:00.000Z'

const SHANGHAI_MONTH = (field: string) => ({
  $dateToString: {
    date: { $dateFromString: { dateString: `$${field}` } },
    format: '%Y-%m',
    timezone: 'Asia/Shanghai',
  },
})

describe('REPORT_PIPELINES', () => {
  const all = [
    REPORT_PIPELINES.membersByStatus(),
    REPORT_PIPELINES.starsOfYear(2026),
    REPORT_PIPELINES.approvalsByMonth(FROM, TO),
    REPORT_PIPELINES.pointsByMonth(FROM, TO),
    REPORT_PIPELINES.noShowsOfEvents(['e-1', 'e-2']),
  ]

  it('ends every pipeline with a $limit, since the default output cap is undocumented', () => {
    for (const pipeline of all) {
      const last = pipeline[pipeline.length - 1]!

      expect(Object.keys(last)).toEqual(['$limit'])
      expect(last.$limit).toBeGreaterThan(0)
    }
  })

  it('gives every stage exactly one key, as node-sdk requires of a raw pipeline', () => {
    for (const stage of all.flat()) expect(Object.keys(stage)).toHaveLength(1)
  })

  it('buckets approvals by the Shanghai month of reviewedAt, approved members only, in range', () => {
    const pipeline = REPORT_PIPELINES.approvalsByMonth(FROM, TO)

    expect(pipeline).toEqual([
      {
        $match: {
          status: { $nin: ['pending', 'rejected'] },
          reviewedAt: { $gte: FROM, $lt: TO },
        },
      },
      { $project: { month: SHANGHAI_MONTH('reviewedAt') } },
      { $group: { _id: '$month', count: { $sum: 1 } } },
      { $sort: { _id: 1 } },
      { $limit: 1000 },
    ])
  })

  it('sums ledger points per Shanghai month, type and label, and counts the entries', () => {
    const pipeline = REPORT_PIPELINES.pointsByMonth(FROM, TO)

    expect(pipeline.slice(0, 3)).toEqual([
      { $match: { at: { $gte: FROM, $lt: TO } } },
      { $project: { type: 1, label: 1, points: 1, month: SHANGHAI_MONTH('at') } },
      {
        $group: {
          _id: { month: '$month', type: '$type', label: '$label' },
          points: { $sum: '$points' },
          entries: { $sum: 1 },
        },
      },
    ])
  })

  it('counts recorded no-shows (noShowAt set) of the events asked for', () => {
    const pipeline = REPORT_PIPELINES.noShowsOfEvents(['e-1', 'e-2'])

    expect(pipeline[0]).toEqual({
      $match: { eventId: { $in: ['e-1', 'e-2'] }, noShowAt: { $ne: null } },
    })
    expect(pipeline[1]).toEqual({ $group: { _id: '$eventId', count: { $sum: 1 } } })
  })

  it('is taken by node-sdk as it is: each stage under its own key, serialised as EJSON', () => {
    const pipeline = REPORT_PIPELINES.pointsByMonth(FROM, TO)

    const stages = sdkStages(COLLECTIONS.pointsLedger, pipeline)

    expect(stages.map((s) => s.stageKey)).toEqual([
      '$match',
      '$project',
      '$group',
      '$sort',
      '$limit',
    ])
    expect(JSON.parse(stages[0]!.stageValue)).toEqual({ at: { $gte: FROM, $lt: TO } })
    expect(JSON.parse(stages[1]!.stageValue).month).toEqual(SHANGHAI_MONTH('at'))
    expect(JSON.parse(stages[4]!.stageValue)).toBe(1000)
  })

  it('puts 16:00 UTC on 31 January in February, as Shanghai midnight (on the stand-in)', () => {
    const entries = [
      { _id: 'a', at: '2026-01-31T15:59:59.999Z', type: 'earn', label: 'purchase', points: 1 },
      { _id: 'b', at: '2026-01-31T16:00:00.000Z', type: 'earn', label: 'purchase', points: 10 },
    ]

    const rows = runPipeline(REPORT_PIPELINES.pointsByMonth(FROM, TO), entries)

    expect(rows).toEqual([
      { _id: { month: '2026-01', type: 'earn', label: 'purchase' }, points: 1, entries: 1 },
      { _id: { month: '2026-02', type: 'earn', label: 'purchase' }, points: 10, entries: 1 },
    ])
  })
})

describe('cloudbaseReportRepositories', () => {
  /** A database that records each aggregation and answers with canned rows. */
  function recordingSource(answer: Record<string, unknown>[]) {
    const sent: { collection: string; pipeline: unknown }[] = []
    return {
      sent,
      source: {
        collection: (name: string) => ({
          aggregate: (pipeline: unknown) => {
            sent.push({ collection: name, pipeline })
            return { end: async () => ({ data: answer }) }
          },
        }),
      },
    }
  }
  const command = {} as DbCommand

  it('sends the ledger pipeline to points_ledger and reads its groups back as buckets', async () => {
    const { sent, source } = recordingSource([
      { _id: { month: '2026-03', type: 'redeem', label: 'reward' }, points: -1500, entries: 1 },
    ])
    const { reports } = cloudbaseReportRepositories(source, command)

    const buckets = await reports.pointsByMonth(FROM, TO)

    expect(sent).toEqual([
      { collection: COLLECTIONS.pointsLedger, pipeline: REPORT_PIPELINES.pointsByMonth(FROM, TO) },
    ])
    expect(buckets).toEqual([
      { month: '2026-03', type: 'redeem', label: 'reward', points: -1500, entries: 1 },
    ])
  })

  it('counts members by status on members, and stars on member_stars in star order', async () => {
    const byStatus = recordingSource([{ _id: 'active', count: 3 }])
    const byStar = recordingSource([
      { _id: 3, count: 2 },
      { _id: 1, count: 5 },
    ])

    const statuses = await cloudbaseReportRepositories(
      byStatus.source,
      command,
    ).reports.membersByStatus()
    const stars = await cloudbaseReportRepositories(byStar.source, command).reports.starsOfYear(
      2026,
    )

    expect(byStatus.sent[0]!.collection).toBe(COLLECTIONS.members)
    expect(statuses).toEqual([{ status: 'active', count: 3 }])
    expect(byStar.sent[0]!.collection).toBe(COLLECTIONS.stars)
    expect(stars).toEqual([
      { star: 1, count: 5 },
      { star: 3, count: 2 },
    ])
  })
})
