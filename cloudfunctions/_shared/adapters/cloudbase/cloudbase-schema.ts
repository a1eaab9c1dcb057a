/** Collections (集合) of the production database; each with the indexes below. */
export const COLLECTIONS = {
  members: 'members',
  /** `_id` = staff id; one account per openid, active or revoked (kept for the audit trail). */
  staff: 'staff',
  /** `_id` = invite id; an admin's staff invite, its code stored only as `codeHash`, versioned. */
  staffInvites: 'staff_invites',
  cards: 'cards',
  stars: 'member_stars',
  audit: 'audit_log',
  requests: 'requests',
  counters: 'counters',
  /** `_id` = `${rule}:${openid}`: calls in the current window of a rate limit (docs/security.md). */
  rateCounts: 'rate_counts',
  uniqueKeys: 'unique_keys',
  /** `_id` = member id; balance, open lots, version. */
  pointsAccounts: 'points_accounts',
  /** `_id` = entry id; append-only. */
  pointsLedger: 'points_ledger',
  /** `_id` = item id. */
  rewardItems: 'reward_items',
  /** `_id` = voucher code. */
  vouchers: 'vouchers',
  /** `_id` = message id, so a message meant to go once is queued once. */
  outbox: 'outbox',
  /** `_id` = run id; one resumable checkpoint per job and day. */
  jobRuns: 'job_runs',
  /** `_id` = String(effectiveYear); one threshold setting per effective year. */
  starRules: 'star_rules',
  /** `_id` = String(year); the star import applied for that year, versioned. */
  starImports: 'star_imports',
  /** `_id` = member id; one club membership per member, versioned. */
  clubs: 'club_memberships',
  /** `_id` = suggestion id. */
  suggestions: 'suggestions',
  /** `_id` = event id; the event with its counters (confirmed, sign-ups, check-ins), versioned. */
  events: 'events',
  /** `_id` = `${eventId}_${memberId}`: one sign-up per member and event, versioned. */
  eventSignups: 'event_signups',
  /** `_id` = sanction id; a sanction with its appeal, versioned (SPEC §8). */
  sanctions: 'sanctions',
  /** `_id` = complaint id; a member's complaint or suggestion and its answer, versioned. */
  complaints: 'complaints',
  /** `_id` = the photo id, URI-encoded; a complaint photo, its uploader and its complaint, versioned. */
  photoUploads: 'photo_uploads',
  /** `_id` = `${memberId}_${templateKey}`: unused subscribe-message sends (SPEC §10). */
  subscriptions: 'notification_subscriptions',
  /** `_id` = broadcast id; a message for every holder of a template, fanned out by the sender. */
  broadcasts: 'notification_broadcasts',
  /** `_id` = withdrawal id; a member's request to withdraw (注销), versioned (SPEC §9). */
  withdrawals: 'withdrawals',
  /**
   * `_id` = event id: written first by a transaction settling the event's sign-up queue after a
   * lost turn, so that two such transactions meet at once (cloudbase-signup-queue.ts).
   */
  queueClaims: 'signup_queue_claims',
} as const

/**
 * The database a CloudBase environment must hold: every collection (集合) of `COLLECTIONS`, its
 * indexes, and one security rule for all of them. `npm run cloud:setup` creates what is missing and
 * `npm run cloud:check` compares an environment with it (scripts/cloud-environment.ts); docs/deploy.md
 * §4–5 explains the choices.
 *
 * Every uniqueness rule of the club is kept by a document `_id` (claims in `unique_keys`, request
 * ids, `eventId_memberId`…). The two unique indexes here are a second line of defence on fields that
 * are always set; `cardNo`, `referralCode` and `licence.hash` are missing on pending or erased members,
 * and a unique index allows only one missing value, so they are plain indexes.
 *
 * The query indexes put the equality fields first, then the sort, with `_id` last where a page
 * continues after it. Without them a query scans the collection, and inside a transaction it can time
 * out as the data grows.
 */

export type IndexKey = { field: string; direction: 1 | -1 }
export type IndexSpec = { name: string; keys: IndexKey[]; unique: boolean }
export type CollectionSpec = { name: string; indexes: IndexSpec[] }

/** CloudBase's permission categories (权限类别); the first four are the simple ones (简易权限). */
export type AclTag = 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY' | 'CUSTOM'
/** A collection's security rule as the management API reads and writes it (`Rule` only with CUSTOM). */
export type CollectionRule = { aclTag: AclTag; rule?: string }

/**
 * Clients read and write nothing directly: everything goes through the functions. ADMINONLY is the
 * console's 仅管理端可读写; the server SDK in the functions is not bound by security rules.
 */
export const COLLECTION_SECURITY_RULE: CollectionRule = { aclTag: 'ADMINONLY' }

/**
 * Cloud storage's permission: PRIVATE is the console's 仅创建者可读写. A member reads only the
 * complaint photos they uploaded; staff open them by the short-lived links the functions ask for
 * (adapters/cloudbase/cloudbase-photo-links.ts). The console's default, READONLY (所有用户可读),
 * would let anyone holding a fileID read a retailer's photo.
 */
export const STORAGE_ACL: AclTag = 'PRIVATE'

type Key = string | IndexKey

/** A key sorted descending; a bare field name is ascending. */
const desc = (field: string): IndexKey => ({ field, direction: -1 })
const keyOf = (key: Key): IndexKey => (typeof key === 'string' ? { field: key, direction: 1 } : key)

/** `status_submittedAt__id`, `at_desc__id_desc`, `licence_hash`: fields in order, `_desc` if so. */
export const indexNameOf = (keys: IndexKey[]) =>
  keys.map((k) => k.field.replace(/\./g, '_') + (k.direction === -1 ? '_desc' : '')).join('_')

const index = (...keys: Key[]): IndexSpec => {
  const ks = keys.map(keyOf)
  return { name: indexNameOf(ks), keys: ks, unique: false }
}
const unique = (...keys: Key[]): IndexSpec => ({ ...index(...keys), unique: true })

/** Indexes by collection; typed on `COLLECTIONS`, so a new collection cannot be left out. */
const INDEXES: Record<keyof typeof COLLECTIONS, IndexSpec[]> = {
  members: [
    unique('openid'),
    index('cardNo'),
    index('referralCode'),
    index('licence.hash'),
    index('status', 'submittedAt', '_id'),
    index('status', '_id'),
    index('status', 'reviewedAt'),
  ],
  staff: [unique('openid'), index('createdAt', '_id')],
  staffInvites: [unique('codeHash'), index('status', desc('createdAt'), desc('_id'))],
  cards: [],
  stars: [index('memberId'), index('year', 'star')],
  audit: [
    index('targetType', 'targetId', 'at', '_id'),
    index(desc('at'), desc('_id')),
    index('actorId', desc('at'), desc('_id')),
    index('action', desc('at'), desc('_id')),
    index('targetId', desc('at'), desc('_id')),
  ],
  // The erasure of a withdrawn member searches the stored results for its ids; the queue of
  // sign-ups reads queued tickets by event in arrival order, and its sweep by arrival.
  requests: [
    index('queued.eventId', 'queued.arrivedAt', '_id'),
    index('queued.arrivedAt'),
    index('openid'),
    index('result.data.id'),
    index('result.data.memberId'),
    index('result.data.cardNo'),
  ],
  counters: [],
  rateCounts: [],
  uniqueKeys: [],
  pointsAccounts: [],
  // A clerk's tally of the day (workbench) reads by actor and time.
  pointsLedger: [
    index('memberId', desc('at'), desc('_id')),
    index('at'),
    index('actorId', 'label', 'at'),
    // Purchases whose credit a stopped call left half-way (cloudbase-purchase-credits.ts).
    index('pendingCredit', 'at'),
  ],
  rewardItems: [index('pointsPrice', '_id')],
  vouchers: [index('memberId', desc('issuedAt'))],
  outbox: [
    index('memberId', 'createdAt'),
    index('status', 'nextAttemptAt', '_id'),
    index('status', 'claimedAt', '_id'),
    index('status', desc('sentAt'), desc('_id')),
  ],
  jobRuns: [],
  starRules: [index('effectiveYear')],
  starImports: [],
  clubs: [index('state', 'since', '_id')],
  suggestions: [
    index('memberId', desc('createdAt'), desc('_id')),
    index('answeredAt', 'createdAt', '_id'),
    index(desc('answeredAt'), desc('_id')),
  ],
  events: [
    index('status', 'startAt', '_id'),
    index('status', 'kind', 'startAt', '_id'),
    index('status', 'noShowsMarked', 'endAt', '_id'),
    index('status', 'endAt', '_id'),
    // The lone sign-ups whose call may have stopped half-way (`signupQueues` timer).
    index('placing.at'),
  ],
  eventSignups: [
    index('eventId', 'status', 'seq'),
    index('eventId', 'seq'),
    index('memberId', desc('createdAt'), desc('eventId')),
    index('eventId', 'noShowAt'),
    index('checkedInBy', 'checkedInAt'),
  ],
  sanctions: [
    index('memberId', desc('issuedAt'), desc('_id')),
    index('pendingAppealAt', '_id'),
    index(desc('issuedAt'), desc('_id')),
    index('kind', 'state', 'endsOn', '_id'),
  ],
  complaints: [
    index('memberId', desc('createdAt'), desc('_id')),
    index('answeredAt', 'dueAt', '_id'),
    index(desc('answeredAt'), desc('_id')),
  ],
  // A pushed media-check verdict finds its photo by the trace id.
  photoUploads: [index('ownerMemberId', 'createdAt', '_id'), index('checkTraceId')],
  subscriptions: [index('templateKey', 'memberId'), index('memberId')],
  broadcasts: [index('status', 'createdAt', '_id')],
  queueClaims: [],
  withdrawals: [
    index('memberId', desc('requestedAt'), desc('_id')),
    index('status', 'dueOn', 'requestedAt', '_id'),
  ],
}

/** Every collection of `COLLECTIONS`, in its order, with its indexes. */
export const CLOUDBASE_COLLECTIONS: CollectionSpec[] = (
  Object.keys(COLLECTIONS) as (keyof typeof COLLECTIONS)[]
).map((key) => ({ name: COLLECTIONS[key], indexes: INDEXES[key] }))
