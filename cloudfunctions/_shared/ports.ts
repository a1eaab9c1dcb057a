import type { ArrivalChannel, MemberStatus } from '../../src/domain/member/member'
import type { StaffRole } from '../../src/domain/member/roles'
import type { StarGrant } from '../../src/domain/star/star'

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
  version: number
  status: 'active' | 'revoked'
  issuedAt: string
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

export type Page<T> = { items: T[]; total: number }

export interface MemberRepository {
  byId(id: string): Promise<MemberRecord | null>
  byOpenid(openid: string): Promise<MemberRecord | null>
  byReferralCode(code: string): Promise<MemberRecord | null>
  /** Inserts a new member; a clash on openid, mobile or licence is reported, not thrown. */
  insert(member: MemberRecord): Promise<WriteOutcome>
  /** Replaces the member if the stored version is `member.version - 1` (optimistic concurrency). */
  update(member: MemberRecord): Promise<WriteOutcome>
  listByStatus(status: MemberStatus, offset: number, limit: number): Promise<Page<MemberRecord>>
}

export interface StaffRepository {
  byOpenid(openid: string): Promise<StaffRecord | null>
  insert(staff: StaffRecord): Promise<WriteOutcome>
}

export interface CardRepository {
  byCardNo(cardNo: string): Promise<CardRecord | null>
  insert(card: CardRecord): Promise<WriteOutcome>
}

export interface StarRepository {
  forMember(memberId: string): Promise<StarGrant[]>
  /** Sets the member's star for a year (one per member per year). */
  put(grant: StarGrant): Promise<void>
}

export interface AuditRepository {
  append(record: AuditRecord): Promise<void>
  forTarget(targetType: string, targetId: string): Promise<AuditRecord[]>
}

export interface RequestLog {
  get(requestId: string): Promise<RequestRecord | null>
  put(record: RequestRecord): Promise<void>
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
  audit: AuditRepository
  requests: RequestLog
  counters: Counters
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
}

export interface FieldCipher {
  seal(kind: 'mobile' | 'licence', value: string): Sealed
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
