import type { ArrivalChannel, MemberStatus } from '../../src/domain/member/member'
import type { StaffRole } from '../../src/domain/member/roles'
import type { StarGrant, StarValue } from '../../src/domain/star/star'
import type { StarRule } from '../../src/domain/star/thresholds'
import type { StarLedgerEntry } from '../../src/domain/star/qualifying-points'
import type { ClubMembership, ClubState } from '../../src/domain/club/club'
import type { Suggestion } from '../../src/domain/club/suggestion'
import type { ClubEvent, EventKind, EventStatus } from '../../src/domain/event/event'
import type { Signup, SignupStatus } from '../../src/domain/event/signup'
import type { NoShowPolicy } from '../../src/domain/event/no-show'
import type { LedgerEntry, PointsAccount } from '../../src/domain/points/points'
import type { PurchaseCategory } from '../../src/domain/points/purchase'
import type { RewardItem } from '../../src/domain/points/redemption'

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

export type StaffRecord = {
  id: string
  openid: string
  name: string
  role: StaffRole
  createdAt: string
}

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
}

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
}

/** Which unique field a write collided on. */
export type UniqueField = 'openid' | 'mobile' | 'licenceNo' | 'cardNo' | 'referralCode'
export type WriteOutcome = { ok: true } | { ok: false; conflict: UniqueField | 'version' }

export type { Page } from '../../src/contracts/page'
import type { Page } from '../../src/contracts/page'

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
  /** Members of a status with an id after `cursor`, in id order, `limit` at a time (batch jobs). */
  idsAfter(status: MemberStatus, cursor: string, limit: number): Promise<MemberRecord[]>
  countByStatus(status: MemberStatus): Promise<number>
  /** The member holding a licence, found by its blind index. */
  byLicenceHash(hash: string): Promise<MemberRecord | null>
}

export interface StaffRepository {
  byOpenid(openid: string): Promise<StaffRecord | null>
  insert(staff: StaffRecord): Promise<WriteOutcome>
}

export interface CardRepository {
  byCardNo(cardNo: string): Promise<CardRecord | null>
  insert(card: CardRecord): Promise<WriteOutcome>
  /** Gives a card its secret unless it has one; false when it already had one. */
  setSecretIfMissing(cardNo: string, secret: Sealed): Promise<boolean>
  /** New secret and version `fromVersion + 1`, only if the stored version is `fromVersion`. */
  rekey(cardNo: string, fromVersion: number, secret: Sealed): Promise<WriteOutcome>
  /** Records `step` (and who scanned, when) if it is after the last accepted one; false otherwise (replay). */
  acceptStep(cardNo: string, step: number, scan: { by: string; at: string }): Promise<boolean>
}

export interface StarRepository {
  /** The member's stars, oldest year first. */
  forMember(memberId: string): Promise<StarGrant[]>
  get(memberId: string, year: number): Promise<StarGrant | null>
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
}

export interface RequestLog {
  get(requestId: string): Promise<RequestRecord | null>
  put(record: RequestRecord): Promise<void>
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
  status: 'pending' | 'sent' | 'failed'
}

export interface OutboxRepository {
  /** Adds the message unless one with its id exists; true when added. */
  add(message: OutboxMessage): Promise<boolean>
  forMember(memberId: string): Promise<OutboxMessage[]>
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
  points: PointsRepository
  catalogue: CatalogueRepository
  vouchers: VoucherRepository
  outbox: OutboxRepository
  jobs: JobRunRepository
}

/**
 * The storage port. `transaction` runs `work` atomically: all its writes or none. The work may be
 * run more than once on a write conflict (CloudBase re-runs the callback), so it must only read,
 * decide and write. Throwing `Rollback` aborts without an error reaching the handler.
 */
export interface Store {
  read: Repositories
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>
  close(): Promise<void>
}

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
  blindIndex(kind: 'mobile' | 'licence', value: string): string
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
  settings: Settings
  logger: Logger
}
