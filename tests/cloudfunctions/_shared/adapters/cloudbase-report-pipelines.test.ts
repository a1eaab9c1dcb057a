import { EJSON } from 'bson'
import { REPORT_PIPELINES } from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-report-repositories'
import { COLLECTIONS } from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import type { Store } from '../../../../cloudfunctions/_shared/ports'
import type { LedgerEntry } from '@/domain/points/points'
import type { MemberStatus } from '@/domain/member/member'
import type { StarGrant, StarValue } from '@/domain/star/star'
import { aDoubleBackedStore } from '../../../support/cloudbase/double-store'
import { aContractMember } from './contract-member'

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
})

/**
 * The reports run by the production store over the real node-sdk, over the database double, which
 * runs the stages it receives (with mingo). A report comes out right only if the pipeline reached
 * the double: without `options({ raw: true })` node-sdk sends an empty one, which answers the
 * collection's documents as they are.
 */
describe('cloudbaseReportRepositories over the database double', () => {
  let opened: ReturnType<typeof aDoubleBackedStore>
  let store: Store

  beforeEach(() => {
    opened = aDoubleBackedStore()
    store = opened.store
  })

  afterEach(() => opened.cleanup())

  /** The stages of every aggregation the double received, with the collection each went to. */
  function aggregationsSent() {
    const handle = jest.spyOn(opened.double, 'handle')
    return () =>
      handle.mock.calls
        .filter(([action]) => action === 'database.aggregateDocuments')
        .map(([, params]) => ({
          collection: params?.collectionName,
          stages: params?.stages as { stageKey: string; stageValue: string }[],
        }))
  }

  const anEntry = (id: string, overrides: Partial<LedgerEntry>): LedgerEntry => ({
    id,
    memberId: 'm-1',
    type: 'earn',
    label: 'purchase',
    points: 1,
    reference: `ref-${id}`,
    actorId: 'staff-1',
    requestId: null,
    at: '2026-03-10T02:00:00.000Z',
    takes: [],
    lotId: null,
    note: null,
    ...overrides,
  })
  const aGrant = (memberId: string, year: number, star: StarValue): StarGrant => ({
    memberId,
    year,
    star,
    source: 'rule',
    reason: null,
    grantedAt: '2026-01-01T00:00:00.000Z',
  })

  it('sends the ledger pipeline itself to points_ledger: each stage under its own key, as EJSON', async () => {
    await store.transaction((tx) => tx.points.append(anEntry('e-1', {})))
    const sent = aggregationsSent()

    await store.read.reports.pointsByMonth(FROM, TO)

    const [aggregation, ...others] = sent()
    expect(others).toEqual([])
    expect(aggregation!.collection).toBe(COLLECTIONS.pointsLedger)
    expect(aggregation!.stages.map((stage) => stage.stageKey)).toEqual([
      '$match',
      '$project',
      '$group',
      '$sort',
      '$limit',
    ])
    expect(
      aggregation!.stages.map(({ stageKey, stageValue }) => ({
        [stageKey]: EJSON.parse(stageValue, { relaxed: true }),
      })),
    ).toEqual(REPORT_PIPELINES.pointsByMonth(FROM, TO))
  })

  it('reads the ledger groups back as buckets: points summed and entries counted per month, type and label', async () => {
    await store.transaction(async (tx) => {
      await tx.points.append(anEntry('e-1', { points: 100 }))
      await tx.points.append(anEntry('e-2', { points: 50 }))
      await tx.points.append(anEntry('e-3', { type: 'redeem', label: 'reward', points: -1500 }))
      await tx.points.append(anEntry('e-4', { at: '2027-01-05T02:00:00.000Z', points: 7 }))
    })

    const buckets = await store.read.reports.pointsByMonth(FROM, TO)

    expect(buckets).toEqual([
      { month: '2026-03', type: 'earn', label: 'purchase', points: 150, entries: 2 },
      { month: '2026-03', type: 'redeem', label: 'reward', points: -1500, entries: 1 },
    ])
  })

  it('puts 16:00 UTC on 31 January in February, as Shanghai midnight', async () => {
    await store.transaction(async (tx) => {
      await tx.points.append(anEntry('a', { at: '2026-01-31T15:59:59.999Z', points: 1 }))
      await tx.points.append(anEntry('b', { at: '2026-01-31T16:00:00.000Z', points: 10 }))
    })

    const buckets = await store.read.reports.pointsByMonth(FROM, TO)

    expect(buckets).toEqual([
      { month: '2026-01', type: 'earn', label: 'purchase', points: 1, entries: 1 },
      { month: '2026-02', type: 'earn', label: 'purchase', points: 10, entries: 1 },
    ])
  })

  it('counts members by status on members', async () => {
    const statuses: MemberStatus[] = ['active', 'active', 'pending', 'active', 'suspended']
    await store.transaction(async (tx) => {
      for (const [i, status] of statuses.entries()) {
        await tx.members.insert(aContractMember(`m-${i}`, { status }))
      }
    })
    const sent = aggregationsSent()

    const counts = await store.read.reports.membersByStatus()

    expect([...counts].sort((a, b) => (a.status < b.status ? -1 : 1))).toEqual([
      { status: 'active', count: 3 },
      { status: 'pending', count: 1 },
      { status: 'suspended', count: 1 },
    ])
    expect(sent().map((aggregation) => aggregation.collection)).toEqual([COLLECTIONS.members])
  })

  it('counts the stars of one year on member_stars, in star order', async () => {
    await store.transaction(async (tx) => {
      await tx.stars.put(aGrant('m-1', 2026, 3))
      await tx.stars.put(aGrant('m-2', 2026, 1))
      await tx.stars.put(aGrant('m-3', 2026, 3))
      await tx.stars.put(aGrant('m-4', 2026, 1))
      await tx.stars.put(aGrant('m-5', 2026, 1))
      await tx.stars.put(aGrant('m-1', 2025, 5))
    })
    const sent = aggregationsSent()

    const stars = await store.read.reports.starsOfYear(2026)

    expect(stars).toEqual([
      { star: 1, count: 3 },
      { star: 3, count: 2 },
    ])
    expect(sent().map((aggregation) => aggregation.collection)).toEqual([COLLECTIONS.stars])
  })

  it('counts approvals by the Shanghai month of review, leaving out pending and rejected members', async () => {
    const reviewed = (status: MemberStatus, reviewedAt: string) => ({ status, reviewedAt })
    const members = [
      reviewed('active', '2026-02-28T15:59:59.000Z'),
      reviewed('active', '2026-02-28T16:00:00.000Z'),
      reviewed('suspended', '2026-03-05T02:00:00.000Z'),
      reviewed('rejected', '2026-03-05T02:00:00.000Z'),
      reviewed('pending', '2026-03-05T02:00:00.000Z'),
    ]
    await store.transaction(async (tx) => {
      for (const [i, fields] of members.entries()) {
        await tx.members.insert(aContractMember(`m-${i}`, fields))
      }
    })

    const months = await store.read.reports.approvalsByMonth(FROM, TO)

    expect(months).toEqual([
      { month: '2026-02', count: 1 },
      { month: '2026-03', count: 2 },
    ])
  })
})
