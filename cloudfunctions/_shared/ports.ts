import type { ArrivalChannel, MemberStatus } from '../../src/domain/member/member'
import type { StaffAccount, StaffInvite } from '../../src/domain/staff/staff'
import type { StarGrant, StarValue } from '../../src/domain/star/star'
import type { StarRule } from '../../src/domain/star/thresholds'
import type { StarLedgerEntry } from '../../src/domain/star/qualifying-points'
import type { ClubMembership, ClubState } from '../../src/domain/club/club'
import type { Suggestion } from '../../src/domain/club/suggestion'
import type { ClubEvent, EventKind, EventStatus } from '../../src/domain/event/event'
import type { Signup, SignupStatus } from '../../src/domain/event/signup'
import type { QueuedSignup } from '../../src/domain/event/signup-queue'
import type { NoShowPolicy } from '../../src/domain/event/no-show'
import type { LedgerEntry, PointsAccount } from '../../src/domain/points/points'
import type { PurchaseCategory } from '../../src/domain/points/purchase'
import type { RewardItem } from '../../src/domain/points/redemption'
import type { Sanction } from '../../src/domain/discipline/sanction'
import type { Complaint } from '../../src/domain/care/complaint'
import type { PhotoCheckStart, PhotoUpload, PhotoUsage } from '../../src/domain/care/photo-upload'
import type { Withdrawal } from '../../src/domain/privacy/withdrawal'
import type {
  DeliveryState,
  OutboxStatus,
  SendOutcome,
} from '../../src/domain/notification/delivery'
import type { Broadcast } from '../../src/domain/notification/broadcast'
import type { TemplateKey } from '../../src/domain/notification/templates'
import type {
  EventTally,
  MonthCount,
  PointsBucket,
  StarCount,
  StatusCount,
} from '../../src/domain/report/report-rows'

/** A personal field as stored: AES-256-GCM ciphertext plus a keyed blind index for uniqueness. */
export type Sealed = { enc: string; hash: string }

/** A member as stored (集合 members): mobile and licence sealed, everything else plain. */
export type MemberRecord = {
  id: string
  openid: string
  unionid: string | null
  status: MemberStatus
  realName: string
  mobile: Sealed
  shopName: string
  shopAddress: string
  licence: Sealed
  birthday: string
  consentVersion: string
  consentAt: string
  referralCode: string | null
  referredBy: string | null
  channel: ArrivalChannel | null
  cardNo: string | null
  rejectReason: string | null
  submittedAt: string
  reviewedAt: string | null
  reviewedBy: string | null
  createdAt: string
  updatedAt: string
  version: number
}

/** A staff account as stored (集合 staff); revoked accounts stay, for the audit trail. */
export type StaffRecord = StaffAccount
export type { StaffInvite } from '../../src/domain/staff/staff'

export type CardRecord = {
  cardNo: string
  memberId: string
  /** Bumped by every re-key (挂失补卡): codes of an older version stop working at once. */
  version: number
  status: 'active' | 'revoked'
  issuedAt: string
  /** The per-card secret the phone derives its codes from, sealed; null on cards issued before it. */
  secret: Sealed | null
  /** The time step of the last accepted code: a code is accepted once, and never an older one. */
  lastAcceptedStep: number
  /** Who verified the last accepted code, and when: a purchase needs the card shown to its clerk. */
  lastScanBy: string | null
  lastScanAt: string | null
  /** The request that verified the last accepted code: a retry of it is answered, not refused. */
  lastScanRequestId: string | null
}

/** Who verified a shown code, when, and by which request (null when no request stands behind it). */
export type CardScan = { by: string; at: string; requestId?: string | null }

export type AuditRecord = {
  id: string
  actorId: string
  actorRole: string
  action: string
  targetType: string
  targetId: string
  before: unknown
  after: unknown
  reason: string | null
  requestId: string | null
  at: string
}

/** The stored first result of a mutating request, so a retry returns it unchanged. */
export type RequestRecord = {
  requestId: string
  openid: string
  fn: string
  action: string
  result: unknown
  at: string
  /**
   * A sign-up waiting in its event's queue (`result` null until it is settled): the request
   * record doubles as the queue's ticket, so a retry finds it under the same unique id.
   */
  queued?: QueuedSignup | null
}

/** Which unique field a write collided on. */
export type UniqueField = 'openid' | 'mobile' | 'licenceNo' | 'cardNo' | 'referralCode'
export type WriteOutcome = { ok: true } | { ok: false; conflict: UniqueField | 'version' }

export type { Page } from '../../src/contracts/page'
import type { Page } from '../../src/contracts/page'
import type { Result } from '../../src/domain/shared/result'

export interface MemberRepository {
  byId(id: string): Promise<MemberRecord | null>
  byOpenid(openid: string): Promise<MemberRecord | null>
  byReferralCode(code: string): Promise<MemberRecord | null>
  byCardNo(cardNo: string): Promise<MemberRecord | null>
  /** Inserts a new member; a clash on openid, mobile or licence is reported, not thrown. */
  insert(member: MemberRecord): Promise<WriteOutcome>
  /** Replaces the member if the stored version is `member.version - 1` (optimistic concurrency). */
  update(member: MemberRecord): Promise<WriteOutcome>
  listByStatus(status: MemberStatus, offset: number, limit: number): Promise<Page<MemberRecord>>
  /** Members of a status (or any of several) with an id after `cursor`, in id order, `limit` at a time (batch jobs). */
  idsAfter(
    status: MemberStatus | readonly MemberStatus[],
    cursor: string,
    limit: number,
  ): Promise<MemberRecord[]>
  countByStatus(status: MemberStatus | readonly MemberStatus[]): Promise<number>
  /** The member holding a licence, found by its blind index. */
  byLicenceHash(hash: string): Promise<MemberRecord | null>
}

/** Staff accounts (员工) and the invites (员工邀请) that create them. */
export interface StaffRepository {
  /** The account of an openid, active or revoked (an openid has one account at most). */
  byOpenid(openid: string): Promise<StaffRecord | null>
  /** A staff account by its id (the actor of an audit record). */
  byId(id: string): Promise<StaffRecord | null>
  /** Inserts a new account; a clash on openid is reported, not thrown. */
  insert(staff: StaffRecord): Promise<WriteOutcome>
  /** Replaces the account if the stored version is `staff.version - 1`. */
  update(staff: StaffRecord): Promise<WriteOutcome>
  /** Every account, active and revoked, oldest first (then id). */
  list(offset: number, limit: number): Promise<Page<StaffRecord>>
  invite(id: string): Promise<StaffInvite | null>
  /** The invite whose code hashes to `codeHash`. */
  inviteByCodeHash(codeHash: string): Promise<StaffInvite | null>
  /** Inserts (version 1) or replaces when the stored version is `invite.version - 1`. */
  saveInvite(invite: StaffInvite): Promise<WriteOutcome>
  /** Open invites (expired ones included), newest first (then id descending). */
  openInvites(limit: number): Promise<StaffInvite[]>
}

export interface CardRepository {
  byCardNo(cardNo: string): Promise<CardRecord | null>
  insert(card: CardRecord): Promise<WriteOutcome>
  /** Gives a card its secret unless it has one; false when it already had one. */
  setSecretIfMissing(cardNo: string, secret: Sealed): Promise<boolean>
  /** New secret and version `fromVersion + 1`, only if the stored version is `fromVersion`. */
  rekey(cardNo: string, fromVersion: number, secret: Sealed): Promise<WriteOutcome>
  /** Records `step` (and who scanned, when) if it is after the last accepted one; false otherwise (replay). */
  acceptStep(cardNo: string, step: number, scan: CardScan): Promise<boolean>
  /** Revokes (a closed account) or re-activates (a reinstated one) a card; false if it is unknown. */
  setStatus(cardNo: string, status: CardRecord['status']): Promise<boolean>
}

export interface StarRepository {
  /** The member's stars, oldest year first. */
  forMember(memberId: string): Promise<StarGrant[]>
  get(memberId: string, year: number): Promise<StarGrant | null>
  /** The stars of `year` of those of `memberIds` who have one (any order): one read for a batch. */
  forMembersInYear(memberIds: string[], year: number): Promise<StarGrant[]>
  /** Sets the member's star for a year (one per member per year). */
  put(grant: StarGrant): Promise<void>
}

/** An admin's threshold settings (升星门槛), one per effective year. */
export interface StarRuleRepository {
  all(): Promise<StarRule[]>
  /** Sets the thresholds for the rule's effective year, replacing any set before for that year. */
  put(rule: StarRule): Promise<void>
}

/** An applied star import for a year: licence blind index → star. */
export type StarImport = {
  year: number
  rows: { licenceHash: string; star: StarValue }[]
  importedBy: string
  importedAt: string
  version: number
}

export interface StarImportRepository {
  get(year: number): Promise<StarImport | null>
  /** Inserts (version 1) or replaces when the stored version is `star.version - 1`. */
  save(starImport: StarImport): Promise<WriteOutcome>
}

export interface ClubRepository {
  byMember(memberId: string): Promise<ClubMembership | null>
  /** The memberships of those of `memberIds` who have one (any order): one read for a batch. */
  byMembers(memberIds: string[]): Promise<ClubMembership[]>
  /** Inserts (version 1) or replaces when the stored version is `club.version - 1`. */
  save(club: ClubMembership): Promise<WriteOutcome>
  /** Memberships in a state, oldest state change first, then member id. */
  listByState(state: ClubState, offset: number, limit: number): Promise<Page<ClubMembership>>
}

export interface SuggestionRepository {
  byId(id: string): Promise<Suggestion | null>
  /** Inserts (version 1) or replaces when the stored version is `suggestion.version - 1`. */
  save(suggestion: Suggestion): Promise<WriteOutcome>
  /** A member's suggestions, newest first. */
  forMember(memberId: string): Promise<Suggestion[]>
  /** Unanswered (oldest first) or answered (newest answer first) suggestions. */
  list(answered: boolean, offset: number, limit: number): Promise<Page<Suggestion>>
}

export interface AuditRepository {
  append(record: AuditRecord): Promise<void>
  forTarget(targetType: string, targetId: string): Promise<AuditRecord[]>
  /** Records matching every given condition of `filter`, newest first (then id descending). */
  search(filter: AuditFilter, offset: number, limit: number): Promise<Page<AuditRecord>>
}

export interface RequestLog {
  get(requestId: string): Promise<RequestRecord | null>
  put(record: RequestRecord): Promise<void>
  /** The event's queued sign-ups, in arrival order (`byArrival`), at most `limit`. */
  queued(eventId: string, limit: number): Promise<QueuedSignup[]>
  /** Their request ids only (a waiting call's look down the queue), at most `limit`. */
  queuedIds(eventId: string, limit: number): Promise<string[]>
  /** A queued sign-up answered: its result kept under its request id, out of the queue. */
  settle(requestId: string, result: unknown): Promise<void>
  /** Events with sign-ups still queued that arrived before `before`, at most `limit`. */
  queuedEvents(before: string, limit: number): Promise<string[]>
  /** Removes a request's record (a settled refusal: see `SignupQueue.forget`). */
  remove(requestId: string): Promise<void>
}

/**
 * The queue of sign-ups (see use-cases/event-signup.ts): a ticket goes in with one atomic write
 * of its own, before any transaction on the event, so that arrivals are ordered by when they
 * came and not by whose transaction wins.
 */
export interface SignupQueue {
  /**
   * What a sign-up reads before it decides, in one read (one request on CloudBase): the member's
   * scene, the event, the record already under the request id (a retry), and whether the sign-up
   * may be settled alone (see `SignupScene`).
   */
  scene(openid: string, eventId: string, requestId: string): Promise<SignupScene>
  /**
   * Settles a queued sign-up alone, as decided on the event its scene read (`scene.alone`): the
   * event, the sign-up and the answer written only while the event is still at the version read.
   * False when it moved meanwhile: nothing of it is written, and the ticket waits for its turn.
   */
  settleAlone(settled: SettledAlone): Promise<boolean>
  /**
   * Finishes the lone settlements (`settleAlone`) of before `before` whose call stopped half-way,
   * at most `limit` events: their sign-up written as decided, its ticket answered. The number
   * finished (0 on a store whose settlement is one transaction).
   */
  finishAlone(before: string, limit: number): Promise<number>
  /**
   * Queues a sign-up: its request record with `result` null. Null once queued; the record already
   * under the request id when there is one (a retry), which is left as it is.
   */
  add(ticket: QueuedSignup, openid: string, at: string): Promise<RequestRecord | null>
  /** Removes a settled ticket that holds a refusal: a refused request leaves no trace. */
  forget(requestId: string): Promise<void>
  /**
   * Waits for the answer to the queued `requestId`, taking turns at settling the event's queue
   * as this store best does: `settle` is one transaction's work over the queue, giving this
   * request's answer, or null while it waits behind the head of the queue — which it settles
   * for the others when `helping`. Null when still queued after as long as a call may wait.
   * `queuedNow`: the ticket was queued by this call (not a retry of a queued request).
   */
  answer<T>(
    eventId: string,
    requestId: string,
    settle: (tx: Repositories, helping: boolean) => Promise<T | null>,
    options: { queuedNow: boolean },
  ): Promise<T | null>
}

/**
 * A sign-up's scene: the member's, the event (null: no such event), the request record already
 * under the request id, and, when the event's queue is empty (and on CloudBase its last lone
 * settlement finished), `alone`: the waitlisted sign-ups the event has, so that a sign-up decided
 * on this event may be settled alone (`SignupQueue.settleAlone`) and tell its waitlist place.
 */
export type SignupScene = MemberScene & {
  event: ClubEvent | null
  prior: RequestRecord | null
  alone: { waitlisted: number } | null
}

/** A sign-up decided alone on the event as its scene read it (`before`, by its version). */
export type SettledAlone = {
  ticket: QueuedSignup
  before: ClubEvent
  event: ClubEvent
  signup: Signup
  answer: Result<unknown, string>
}

/** Which events to list: by status, optionally one kind, upcoming (not ended) or past. */
export type EventQuery = {
  statuses: readonly EventStatus[]
  kind?: EventKind
  /** Upcoming: `endAt > now`, soonest first; past: `endAt <= now`, latest first. */
  when?: { upcoming: boolean; now: string }
}

export interface EventRepository {
  byId(id: string): Promise<ClubEvent | null>
  /** Inserts (version 1) or replaces when the stored version is `event.version - 1`. */
  save(event: ClubEvent): Promise<WriteOutcome>
  /** Events matching the query; without `when`, by start time, latest first. */
  list(query: EventQuery, offset: number, limit: number): Promise<Page<ClubEvent>>
  /** Published events that ended by `before` whose no-shows are not recorded yet, by end. */
  endedUnmarked(before: string, limit: number): Promise<ClubEvent[]>
}

export interface SignupRepository {
  get(eventId: string, memberId: string): Promise<Signup | null>
  /** The sign-ups of these members for the event (one read), in no particular order. */
  ofMembers(eventId: string, memberIds: readonly string[]): Promise<Signup[]>
  /** Inserts (version 1) or replaces when the stored version is `signup.version - 1`. */
  save(signup: Signup): Promise<WriteOutcome>
  /** An event's sign-ups in a status (every status when null), in arrival order. */
  forEvent(
    eventId: string,
    status: SignupStatus | null,
    offset: number,
    limit: number,
  ): Promise<Page<Signup>>
  /** The waitlisted sign-up that arrived first, if any. */
  firstWaitlisted(eventId: string): Promise<Signup | null>
  /** How many of the event's sign-ups in `status` arrived before arrival number `seq`. */
  countBefore(eventId: string, status: SignupStatus, seq: number): Promise<number>
  /** A member's sign-ups, newest first. */
  forMember(memberId: string): Promise<Signup[]>
}

/** A voucher (兑换券) issued by a redemption; the clerk marks it used at the counter. */
export type VoucherRecord = {
  code: string
  memberId: string
  itemId: string
  itemName: string
  points: number
  faceValueFen: number | null
  pickupDate: string
  status: 'issued' | 'used'
  entryId: string
  issuedAt: string
  usedAt: string | null
  usedBy: string | null
  version: number
}

export interface PointsRepository {
  account(memberId: string): Promise<PointsAccount | null>
  /** Saves the account if the stored version is `account.version - 1` (0 = new). */
  saveAccount(account: PointsAccount): Promise<WriteOutcome>
  append(entry: LedgerEntry): Promise<void>
  entry(id: string): Promise<LedgerEntry | null>
  /** The member's ledger, newest first. */
  history(memberId: string, offset: number, limit: number): Promise<Page<LedgerEntry>>
  /** The sum of the member's ledger (the balance must always equal it). */
  ledgerSum(memberId: string): Promise<number>
  /** Member ids of accounts after `cursor` in id order, `limit` at a time (batch jobs). */
  accountIdsAfter(cursor: string, limit: number): Promise<string[]>
  /** How many accounts there are (job progress). */
  accountCount(): Promise<number>
  /** Entries of these members with `from <= at < to` (ISO instants), for star evaluation. */
  entriesBetween(
    memberIds: readonly string[],
    from: string,
    to: string,
  ): Promise<(StarLedgerEntry & { memberId: string })[]>
}

export interface CatalogueRepository {
  all(): Promise<RewardItem[]>
  byId(id: string): Promise<RewardItem | null>
  /** Inserts (version 1) or replaces when the stored version is `item.version - 1`. */
  save(item: RewardItem): Promise<WriteOutcome>
}

export interface VoucherRepository {
  byCode(code: string): Promise<VoucherRecord | null>
  forMember(memberId: string): Promise<VoucherRecord[]>
  /** Inserts (version 1) or replaces when the stored version is `voucher.version - 1`. */
  save(voucher: VoucherRecord): Promise<WriteOutcome>
}

/** A message waiting in the notification outbox (SPEC §10); the sender works from it later. */
export type OutboxMessage = {
  /** Deterministic for messages that must go once (e.g. one expiry warning per member and date). */
  id: string
  memberId: string
  kind: string
  payload: Record<string, unknown>
  createdAt: string
  /** Producers queue `pending`; the sender moves it on (see src/domain/notification/delivery). */
  status: OutboxStatus
}

/** A message with its delivery: attempts, when it is due, when it was sent, the last error. */
export type OutboxDelivery = OutboxMessage & DeliveryState

export interface OutboxRepository {
  /**
   * Adds the message unless one with its id exists; true when added. Its delivery starts due at
   * `createdAt`, with no attempts, at version 1.
   */
  add(message: OutboxMessage): Promise<boolean>
  /**
   * Adds a message whose id is new by construction (made from an id just generated), without
   * looking first: a clash is a broken invariant and fails the transaction.
   */
  addNew(message: OutboxMessage): Promise<void>
  /** Which of `ids` are taken by a message already (any order): one read for a batch. */
  taken(ids: string[]): Promise<string[]>
  forMember(memberId: string): Promise<OutboxMessage[]>
  get(id: string): Promise<OutboxDelivery | null>
  /** Replaces the message when the stored version is `message.version - 1` (a claim or its end). */
  save(message: OutboxDelivery): Promise<WriteOutcome>
  /** Pending messages due at `now` (ISO), soonest due first, then id. */
  due(now: string, limit: number): Promise<OutboxDelivery[]>
  /** Messages claimed (`sending`) at or before `claimedBefore` and never settled, oldest first. */
  stuck(claimedBefore: string, limit: number): Promise<OutboxDelivery[]>
  /** Sent messages, most recently sent first (the local host's dev inbox). */
  recentlySent(limit: number): Promise<OutboxDelivery[]>
}

/** The checkpoint of a resumable batch job (one per job and day). */
export type JobRun = {
  id: string
  kind: string
  status: 'running' | 'done'
  /** The last key processed; the next invocation starts after it. */
  cursor: string
  processed: number
  totals: Record<string, number>
  startedAt: string
  finishedAt: string | null
  version: number
}

export interface JobRunRepository {
  get(id: string): Promise<JobRun | null>
  /** Inserts (version 1) or replaces when the stored version is `run.version - 1`. */
  save(run: JobRun): Promise<WriteOutcome>
}

export interface Counters {
  /** Atomically increments the named counter and returns the new value (first call → 1). */
  next(name: string): Promise<number>
}

/** The repositories a use case sees, inside or outside a transaction. */
/** Calls per caller and rule in a fixed window (rate limits, docs/security.md). */
export interface RateCounts {
  /**
   * Adds `points` to the count kept under `key` for window `window` and returns the count the call
   * is judged by: the new count, or, when the adapter only learned that it stayed within
   * `call.limit`, that limit. A count of an older window is replaced, so one record per caller and
   * rule is kept. A request already allowed in the window (a client's retry) is not counted again
   * and answers 0.
   */
  add(
    key: string,
    window: number,
    points: number,
    call: { requestId: string | null; limit: number },
  ): Promise<number>
}

export interface Repositories {
  members: MemberRepository
  staff: StaffRepository
  cards: CardRepository
  stars: StarRepository
  starRules: StarRuleRepository
  starImports: StarImportRepository
  clubs: ClubRepository
  suggestions: SuggestionRepository
  events: EventRepository
  signups: SignupRepository
  audit: AuditRepository
  requests: RequestLog
  counters: Counters
  rateCounts: RateCounts
  points: PointsRepository
  catalogue: CatalogueRepository
  vouchers: VoucherRepository
  outbox: OutboxRepository
  jobs: JobRunRepository
  sanctions: SanctionRepository
  complaints: ComplaintRepository
  photoUploads: PhotoUploadRepository
  reports: ReportRepository
  subscriptions: SubscriptionRepository
  broadcasts: BroadcastRepository
  withdrawals: WithdrawalRepository
  erasure: ErasureRepository
}

/**
 * The storage port. `transaction` runs `work` atomically: all its writes or none. The work may be
 * run more than once on a write conflict (CloudBase re-runs the callback), so it must only read,
 * decide and write. Throwing `Rollback` aborts without an error reaching the handler.
 */
export interface Store {
  read: Repositories
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>
  /**
   * The rate counts, each `add` atomic on its own (not part of a caller's transaction: a refused
   * or failing action still counts). The adapter picks the cheapest atomic way.
   */
  rateCounts: RateCounts
  /**
   * The counter in as few requests as its guarantees allow: the reads of an action together, a
   * code's use, and a purchase's credit (on CloudBase without a transaction).
   */
  counter: CounterStore
  /** Sign-ups queue here before their event's transaction settles them in arrival order. */
  signupQueue: SignupQueue
  /** A member's own standing, read together (one request on CloudBase). */
  memberScene(openid: string): Promise<MemberScene>
  /**
   * Called after a transaction that erased personal data (SPEC §9) has committed: no copy of what
   * it overwrote may stay in storage the adapter keeps (old page images, freed space) while the
   * store stays open. True once none is left; false when a reader elsewhere holds the old state
   * past a short wait (the adapter finishes at its next write or when it closes).
   */
  afterErasure(): Promise<boolean>
  close(): Promise<void>
}

/**
 * What a clerk's card verify reads before it decides, read together (one aggregate request on
 * CloudBase instead of one read each): the clerk's staff account by openid, and for the card
 * number shown its card, its member, that member's openid as staff (legacy data, SPEC §1), points
 * account, stars and club standing. Parts that do not exist are null (stars empty).
 */
export type CounterScene = {
  staff: StaffRecord | null
  card: CardRecord | null
  member: MemberRecord | null
  holder: StaffRecord | null
  account: PointsAccount | null
  stars: StarGrant[]
  club: ClubMembership | null
}

/**
 * What a member's own action reads about them before it decides: their member record by openid,
 * that openid as staff (legacy data: then they act as no member, SPEC §1), their stars (oldest
 * first), club membership and event sign-ups (newest first). Null / empty where there is none;
 * with no member, nothing else is read (staff included: such a caller is no member either way).
 */
export type MemberScene = {
  member: MemberRecord | null
  staff: StaffRecord | null
  stars: StarGrant[]
  club: ClubMembership | null
  signups: Signup[]
}

/** The member scene of an openid that is no member: nothing else of it is read. */
export const noMemberScene = (): MemberScene => ({
  member: null,
  staff: null,
  stars: [],
  club: null,
  signups: [],
})

/** A shown code accepted at the counter: the code's step, its verify and that verify's audit. */
export type CodeUse = {
  cardNo: string
  /** The card version the code was made for: a re-keyed card's old codes are not recorded. */
  version: number
  step: number
  scan: CardScan & { requestId: string }
  /** The audit record of the verify; its id names the code (`codeUseId`), so a code is used once. */
  audit: AuditRecord
}

/**
 * A purchase's points, credited once per request: its ledger entry (its id made from the request
 * id, `purchaseEntryIdOf`), a new lot on the member's account and the member's notice of it.
 */
export type PurchaseCredit = {
  request: Pick<RequestRecord, 'requestId' | 'openid' | 'fn' | 'action'>
  entry: LedgerEntry
  /** The member's account as the action read it (null: none yet): where the credit starts from. */
  account: PointsAccount | null
}

/** What a credit does to the account, and what the member is told of it: the use case's rules. */
export type CreditRules = {
  /** The account with the entry's points on it; refused for a closed account. */
  credit(account: PointsAccount, entry: LedgerEntry): Result<PointsAccount>
  /** The member's notice of the entry, the account at `balance` after it (null: none). */
  notice(entry: LedgerEntry, balance: number): OutboxMessage | null
}

/** Whose half-way credits to finish: those older than an instant, or one member's, any age. */
export type CreditsToSettle =
  { before: string; limit: number } | { memberId: string; limit: number }

/** A credited purchase: its entry (the first one, on a retry) and the balance it left. */
export type CreditedPurchase = { entry: LedgerEntry; balance: number }

export interface CounterStore {
  scene(query: { staffOpenid: string; cardNo: string }): Promise<CounterScene>
  /**
   * Credits a purchase once: a retry of the same request (same clerk) gets the first entry and
   * balance and changes nothing; the same request id from another clerk is `reused`. Two
   * purchases of one member never lose each other's points. `closed` when the account was closed
   * before the credit reached it (the member withdrew or was cancelled since the action read
   * it): nothing of the purchase is left on file.
   */
  creditPurchase(
    credit: PurchaseCredit,
    rules: CreditRules,
  ): Promise<CreditedPurchase | 'reused' | 'closed'>
  /**
   * Finishes the credits of purchases whose call stopped half-way: those recorded before `before`
   * (ISO), or all of one member's; at most `limit`; how many it looked at. A store that credits
   * in one transaction has none.
   */
  settleCredits(query: CreditsToSettle, rules: CreditRules): Promise<number>
  /**
   * Records a code as used, at most once ever, with its audit record, and moves the card's last
   * accepted step and scan to it (never back to an older step). `used` when this call or an
   * earlier one of the same request recorded it; `replayed` when another request used the code
   * (or a later one of the card); `stale` when the card was re-keyed since the code was made.
   */
  useCode(use: CodeUse): Promise<'used' | 'replayed' | 'stale'>
}

/** The id of the audit record of a code's use: one per card, version and time step. */
export const codeUseId = (cardNo: string, version: number, step: number) =>
  `code:${cardNo}:${version}:${step}`

export interface Clock {
  now(): Date
}

export interface IdGenerator {
  /** A new unique id (time-ordered, URL-safe). */
  next(): string
  /** A short random code people read out and type: `prefix` + `length` chars of A–Z/0–9. */
  code(prefix: string, length: number): string
}

export interface FieldCipher {
  seal(kind: 'mobile' | 'licence' | 'card-secret', value: string): Sealed
  open(sealed: Sealed): string
  /** A keyed hash: finds a value without storing it (`caller`: an openid in the rate counts). */
  blindIndex(kind: 'mobile' | 'licence' | 'caller', value: string): string
}

/**
 * WeChat's text content check (内容安全, `security.msgSecCheck` v2) of what a member writes for
 * others to read. `scene` is WeChat's: profile (资料: names, shop, address) or comment (评论:
 * complaints, suggestions, appeals). `risky` is refused; `review` and `pass` are kept.
 */
export interface ContentCheck {
  text(check: {
    openid: string
    scene: 'profile' | 'comment'
    content: string
  }): Promise<'pass' | 'review' | 'risky'>
  /**
   * Starts the check of a complaint photo the member `openid` filed (WeChat: `mediaCheckAsync`,
   * scene comment): a verdict at once, or the trace id of the verdict WeChat pushes later (see
   * `recordPhotoVerdict`). Throws when the check cannot be started.
   */
  image(check: { openid: string; photoId: string }): Promise<PhotoCheckStart>
}

/**
 * Links by which staff open complaint photos kept in CloudBase storage. Storage is private
 * (仅创建者可读写: only the uploading member reads a file), so a reviewer gets a short-lived link
 * the function asks for, for the photos the use case lets them see. Local photos (`local://`) need
 * none: the local host serves them under the same rule (server/dev-uploads.ts).
 */
export interface PhotoLinks {
  /** A temporary link per `cloud://` photo id given; an id without one is left out. */
  forStaff(photoIds: readonly string[]): Promise<Record<string, string>>
}

/** WeChat's phone authorisation: the code from `getPhoneNumber` → the verified mobile, or null. */
export interface PhoneVerifier {
  exchange(code: string): Promise<string | null>
}

export type Settings = {
  /** Version of the member agreement and privacy policy now in force (SPEC §2, §9). */
  policyVersion: string
  /**
   * Where a registration's mobile comes from: `wechat` (the mini-program's phone authorisation,
   * SPEC §2; production) or `typed` (the local host and tests, which have no WeChat).
   */
  phoneSource: 'wechat' | 'typed'
  /** Purchase categories that earn no points (SPEC §5). */
  excludedCategories: readonly PurchaseCategory[]
  /** Points the referrer earns when a registration they referred is approved (SPEC §5; default 0). */
  referralBonus: number
  /** No-shows that block event sign-ups (SPEC §7: 3 within 12 months → 90 days). */
  noShowPolicy: NoShowPolicy
  /** WeChat subscribe-message template id per template key (CLUB_SUBSCRIBE_TEMPLATES, SPEC §10). */
  subscribeTemplates: Record<TemplateKey, string>
  /**
   * The CloudBase environment whose storage complaint photos are uploaded to (its fileIDs start
   * `cloud://<env>.`): the function's own, TCB_ENV / SCF_NAMESPACE. Null off CloudBase, where no
   * fileID is taken as a photo.
   */
  cloudStorageEnv: string | null
}

export type Logger = {
  error(message: string, details: Record<string, unknown>): void
}

export type Deps = {
  store: Store
  clock: Clock
  ids: IdGenerator
  cipher: FieldCipher
  phones: PhoneVerifier
  content: ContentCheck
  photoLinks: PhotoLinks
  settings: Settings
  logger: Logger
  sender: NotificationSender
}

export interface ComplaintRepository {
  byId(id: string): Promise<Complaint | null>
  /** Inserts (version 1) or replaces when the stored version is `complaint.version - 1`. */
  save(complaint: Complaint): Promise<WriteOutcome>
  /** A member's complaints, newest first. */
  forMember(memberId: string): Promise<Complaint[]>
  /** Open complaints by due time, soonest (most overdue) first; or answered ones, newest answer first. */
  list(answered: boolean, offset: number, limit: number): Promise<Page<Complaint>>
  /** How many open complaints are due at or before `now` (ISO). */
  countOverdue(now: string): Promise<number>
}

/**
 * Complaint photos and who uploaded them (see PhotoUpload): the record a photo is shown or filed
 * by. Keyed by the photo id, so one photo has one record and one complaint at most.
 */
export interface PhotoUploadRepository {
  byId(photoId: string): Promise<PhotoUpload | null>
  /** Inserts (version 1) or replaces when the stored version is `upload.version - 1`. */
  save(upload: PhotoUpload): Promise<WriteOutcome>
  /** How many photos the member uploaded at or after `since` (ISO), and their bytes. */
  usageSince(memberId: string, since: string): Promise<PhotoUsage>
  /** The member's photos part of no complaint, uploaded before `before` (ISO), oldest first. */
  unattachedBefore(memberId: string, before: string): Promise<PhotoUpload[]>
  /** Deletes a photo's record (nothing when there is none). */
  remove(photoId: string): Promise<void>
  /** The photo whose media check awaits the verdict traced `traceId`, or null. */
  byCheckTrace(traceId: string): Promise<PhotoUpload | null>
}

/** Sanctions (处分) and their appeals (SPEC §8). */
export interface SanctionRepository {
  byId(id: string): Promise<Sanction | null>
  /** Inserts (version 1) or replaces when the stored version is `sanction.version - 1`. */
  save(sanction: Sanction): Promise<WriteOutcome>
  /** A member's sanctions, newest first (then id descending). */
  forMember(memberId: string): Promise<Sanction[]>
  /** Appeals filed and not yet decided, oldest appeal first (then id). */
  appealsPending(offset: number, limit: number): Promise<Page<Sanction>>
  /** Every sanction, newest first (then id descending). */
  list(offset: number, limit: number): Promise<Page<Sanction>>
  /** In-force suspensions whose last day is before `day` (YYYY-MM-DD), by that day then id. */
  suspensionsEndedBy(day: string, limit: number): Promise<Sanction[]>
}

/**
 * Subscriptions to subscribe messages (SPEC §10): each accepted `requestSubscribeMessage` allows
 * one send of that template, so the member holds a count (credit) per template key.
 */
export interface SubscriptionRepository {
  /** The member's unused sends per template key; keys never granted are absent. */
  credits(memberId: string): Promise<Partial<Record<TemplateKey, number>>>
  /** Adds `count` sends of the template for the member. */
  grant(memberId: string, template: TemplateKey, count: number, at: string): Promise<void>
  /** Uses one send if the member holds one; false, with nothing changed, when none is left. */
  take(memberId: string, template: TemplateKey, at: string): Promise<boolean>
  /** Members holding at least one send of the template, id after `cursor`, in id order. */
  holdersAfter(template: TemplateKey, cursor: string, limit: number): Promise<string[]>
}

export type { Broadcast } from '../../src/domain/notification/broadcast'

/** Messages for every holder of a template's subscription, fanned out by the sender job. */
export interface BroadcastRepository {
  /** Adds the broadcast unless one with its id exists; true when added. */
  add(broadcast: Broadcast): Promise<boolean>
  get(id: string): Promise<Broadcast | null>
  /** Broadcasts not fully fanned out, oldest first, then id. */
  open(limit: number): Promise<Broadcast[]>
  /** Replaces the broadcast when the stored version is `broadcast.version - 1`. */
  save(broadcast: Broadcast): Promise<WriteOutcome>
}

/** A subscribe message as WeChat takes it (PLATFORM §3, subscribeMessage.send). */
export type SubscribeMessage = {
  openid: string
  templateId: string
  /** The mini-program page a tap on the message opens, with its query. */
  page: string
  data: Record<string, { value: string }>
}

/**
 * Sends one subscribe message: delivered, or WeChat's errcode and whether a retry can help. A
 * throw means the outcome is not known (the request may have reached WeChat).
 */
export interface NotificationSender {
  send(message: SubscribeMessage): Promise<SendOutcome>
}

/** Which audit records to list (审计日志); conditions left out match everything. */
export type AuditFilter = {
  actorId?: string
  action?: string
  /** Records whose target id is one of these (a member's id and the ids of what is theirs). */
  targetIds?: readonly string[]
  /** ISO instants: `from <= at < to`. */
  from?: string
  to?: string
}

/**
 * Counts and sums for the admin reports (SPEC §11). Months are Shanghai calendar months (YYYY-MM)
 * of ISO instants; ranges are `from <= at < to`. Read-only: on CloudBase the aggregations never
 * take part in a transaction, so use `store.read`.
 */
export interface ReportRepository {
  /** How many members hold each status now (statuses nobody holds may be left out). */
  membersByStatus(): Promise<StatusCount[]>
  /** How many members were granted each star for `year` (those who left since included). */
  starsOfYear(year: number): Promise<StarCount[]>
  /** Members approved (neither pending nor rejected now) with `from <= reviewedAt < to`, per month. */
  approvalsByMonth(from: string, to: string): Promise<MonthCount[]>
  /** Ledger entries with `from <= at < to`: signed sums and counts per month, type and label. */
  pointsByMonth(from: string, to: string): Promise<PointsBucket[]>
  /** Published events with `from <= endAt < to`, by end then id, with their recorded no-shows. */
  eventTallies(from: string, to: string): Promise<EventTally[]>
  /**
   * What one clerk did with `from <= at < to` (their workbench's 今日): purchases they recorded
   * (earn entries labelled purchase, a sale earning 0 points included) and members they checked in.
   */
  clerkTally(
    actorId: string,
    from: string,
    to: string,
  ): Promise<{ sales: number; checkIns: number }>
}

/** Withdrawal requests (注销申请, SPEC §9). */
export interface WithdrawalRepository {
  byId(id: string): Promise<Withdrawal | null>
  /** A member's requests, newest first (then id descending). */
  forMember(memberId: string): Promise<Withdrawal[]>
  /**
   * Inserts (version 1) or replaces when the stored version is `withdrawal.version - 1`. A second
   * open (`requested`) request of the same member is refused as a version conflict.
   */
  save(withdrawal: Withdrawal): Promise<WriteOutcome>
  /** Open requests, soonest due first (then earliest requested, then id). */
  listOpen(offset: number, limit: number): Promise<Page<Withdrawal>>
}

/**
 * What erasing a withdrawn member's personal data needs beyond the repositories' own saves (SPEC
 * §9): finding the stored copies that name the member and overwriting them in place. Rare and
 * thorough rather than fast: the searches may scan. Writes go inside the caller's transaction.
 */
export interface ErasureRepository {
  /**
   * Request-log rows of `openid`, or whose stored result's `data.id`, `data.memberId` or
   * `data.cardNo` is one of `ids` (the member, their card and what is theirs: a clerk's check-in,
   * a staff answer to their suggestion …), oldest first.
   */
  requestsNaming(openid: string, ids: readonly string[]): Promise<RequestRecord[]>
  /** Overwrites a request row's openid and stored result; its id, action and time stay. */
  rewriteRequest(requestId: string, openid: string, result: unknown): Promise<void>
  /** Audit rows whose actor or target is one of `ids`, oldest first. */
  auditNaming(ids: readonly string[]): Promise<AuditRecord[]>
  /** Overwrites an audit row's before, after and reason; who did what, to whom and when stay. */
  rewriteAudit(
    id: string,
    scrubbed: Pick<AuditRecord, 'before' | 'after' | 'reason'>,
  ): Promise<void>
  /** Star imports with a row for this licence blind index. */
  starImportsHolding(licenceHash: string): Promise<StarImport[]>
  /** Overwrites an outbox message's payload; its delivery state and version stay. */
  rewriteOutboxPayload(id: string, payload: Record<string, unknown>): Promise<void>
}
