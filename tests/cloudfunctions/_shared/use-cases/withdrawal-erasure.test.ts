import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Caller } from '../../../../cloudfunctions/_shared/caller'
import type { Deps, MemberRecord } from '../../../../cloudfunctions/_shared/ports'
import { getMyCard } from '../../../../cloudfunctions/_shared/use-cases/card-use-cases'
import {
  answerClubSuggestion,
  suggest,
} from '../../../../cloudfunctions/_shared/use-cases/club-suggestions'
import {
  answerComplaint,
  fileComplaint,
} from '../../../../cloudfunctions/_shared/use-cases/complaints'
import { checkInMember } from '../../../../cloudfunctions/_shared/use-cases/event-check-in'
import { signUpForEvent } from '../../../../cloudfunctions/_shared/use-cases/event-signup'
import { exportData } from '../../../../cloudfunctions/_shared/use-cases/export-data'
import { applyStarImport } from '../../../../cloudfunctions/_shared/use-cases/import-stars'
import { correctData } from '../../../../cloudfunctions/_shared/use-cases/my-data'
import { overrideStar } from '../../../../cloudfunctions/_shared/use-cases/override-star'
import { redeemReward } from '../../../../cloudfunctions/_shared/use-cases/redeem-reward'
import { registerMember } from '../../../../cloudfunctions/_shared/use-cases/register-member'
import {
  confirmMemberWithdrawal,
  requestMyWithdrawal,
} from '../../../../cloudfunctions/_shared/use-cases/withdrawal'
import { cardCode, timeStep } from '@/domain/card/card-code'
import { aRegistration } from '../../../support/builders'
import { appealed, sanctioned } from '../../../support/discipline-flow'
import { aPublishedEvent } from '../../../support/event-flow'
import { aRewardItem, purchaseOf, showCard } from '../../../support/points-flow'
import { anActiveMember, callerOf, newOpenid, registered } from '../../../support/registration-flow'
import { inClubState } from '../../../support/star-flow'
import {
  addStaff,
  itOnSqlite,
  newRequestId,
  testDeps,
  type StoreSnapshot,
} from '../../../support/test-deps'

/** Values no other row of the test could hold by chance. */
const PERSON = {
  realName: '欧阳澜珊',
  mobile: '13765432198',
  licenceNo: '3201LS778899',
  shopName: '澜珊烟酒商行',
  shopAddress: '江苏省南京市秦淮区贡院街88号',
  correctedAddress: '江苏省南京市秦淮区平江府路9号',
}

/** Fails the test with the refusal when a step of the scene is refused. */
function must<T>(result: { ok: true; data: T } | { ok: false; error: unknown }, step: string): T {
  if (!result.ok) throw new Error(`${step} refused: ${JSON.stringify(result.error)}`)
  return result.data
}

/** The member's current card code, as the phone shows it. */
async function codeOf(deps: Deps, member: Caller) {
  const card = must(await getMyCard(deps, member), 'card')
  return cardCode(
    new Uint8Array(Buffer.from(card.secret, 'base64')),
    card,
    timeStep(deps.clock.now()),
  )
}

/**
 * Every value of every row (SQLite) or document (CloudBase) in the store, as text: JSON documents
 * are text already; numbers, blobs and nested fields are turned into text too.
 */
function everyStoredValue(
  snapshot: StoreSnapshot,
): { table: string; column: string; text: string }[] {
  const asText = (value: unknown) =>
    Buffer.isBuffer(value)
      ? value.toString('utf8')
      : value !== null && typeof value === 'object'
        ? JSON.stringify(value)
        : String(value)
  return Object.entries(snapshot).flatMap(([table, rows]) =>
    (rows as Record<string, unknown>[]).flatMap((row) =>
      Object.entries(row).map(([column, value]) => ({ table, column, text: asText(value) })),
    ),
  )
}

describe('withdrawal erases the personal data everywhere (SPEC §9 proof)', () => {
  let t: ReturnType<typeof testDeps>
  beforeEach(() => (t = testDeps('2026-11-23T02:00:00.000Z')))
  afterEach(() => t.cleanup())

  /**
   * A member who did everything: registered, approved, card shown and scanned, points earned and
   * redeemed, a star (imported and overridden), the club and its suggestion box, an event attended
   * (checked in) and another signed up for, a complaint, a sanction appealed, data corrected and
   * exported, a referral, outbox messages, audit rows and a request log full of results.
   */
  async function aMemberWithEverything() {
    const deps = t.deps
    const reviewer = await addStaff(deps, 'reviewer')
    const admin = callerOf((await addStaff(deps, 'admin')).openid)
    const clerk = await addStaff(deps, 'clerk')
    const clerkCaller = callerOf(clerk.openid)
    const form = aRegistration({
      realName: PERSON.realName,
      mobile: PERSON.mobile,
      licenceNo: PERSON.licenceNo,
      shopName: PERSON.shopName,
      shopAddress: PERSON.shopAddress,
    })
    const { openid, memberId, cardNo } = await anActiveMember(deps, reviewer, form)
    const me = callerOf(openid)
    const reviewerCaller = callerOf(reviewer.openid)

    // Someone this member referred keeps only the anonymous id as referrer.
    const referrer = (await deps.store.read.members.byId(memberId))!
    await registered(deps, newOpenid(), aRegistration({ referralCode: referrer.referralCode! }))

    // Points: the card shown and scanned, a purchase, a redemption.
    await showCard(deps, openid, clerk.openid)
    await purchaseOf(deps, clerk.openid, cardNo, 300)
    const item = await aRewardItem(deps, { pointsPrice: 100 })
    must(await redeemReward(deps, me, { itemId: item.id }, newRequestId()), 'redeem')

    // Star: imported for next year, overridden for this one with a reason naming the member.
    must(
      await applyStarImport(
        deps,
        admin,
        { year: 2027, csv: `${PERSON.licenceNo},3` },
        newRequestId(),
      ),
      'star import',
    )
    must(
      await overrideStar(
        deps,
        admin,
        { memberId, star: 4, reason: `${PERSON.realName}年度表现优秀` },
        newRequestId(),
      ),
      'star override',
    )

    // The club and its suggestion box, answered by name.
    await inClubState(deps, memberId, 'active')
    const idea = must(
      await suggest(deps, me, { text: `我是${PERSON.realName}，希望多办品鉴会` }, newRequestId()),
      'suggestion',
    )
    must(
      await answerClubSuggestion(
        deps,
        reviewerCaller,
        { id: idea.id, answer: `${PERSON.realName}您好，感谢建议` },
        newRequestId(),
      ),
      'suggestion answer',
    )

    // A complaint, answered; a warning naming the member, appealed.
    const complaint = must(
      await fileComplaint(
        deps,
        me,
        { category: 'service', text: `店员对${PERSON.shopName}态度不好`, photos: [] },
        newRequestId(),
      ),
      'complaint',
    )
    must(
      await answerComplaint(
        deps,
        reviewerCaller,
        { id: complaint.id, answer: `${PERSON.realName}您好，已处理` },
        newRequestId(),
      ),
      'complaint answer',
    )
    const sanction = await sanctioned(deps, admin, {
      memberId,
      kind: 'warning',
      reason: `${PERSON.realName}在活动中扰乱秩序`,
    })
    await appealed(deps, me, sanction.id, `我是${PERSON.realName}，当时并不在场`)

    // Data corrected (audited, masked) and exported (audited).
    must(
      await correctData(deps, me, { shopAddress: PERSON.correctedAddress }, newRequestId()),
      'correction',
    )
    must(await exportData(deps, me, newRequestId()), 'export')

    // Events: one attended (checked in by the clerk), one signed up for, still to come.
    const attended = await aPublishedEvent(deps, { capacity: 5, attendancePoints: 30 })
    must(
      await signUpForEvent(deps, me, { eventId: attended.id, acknowledged: false }, newRequestId()),
      'sign-up',
    )
    t.clock.set(attended.startAt)
    must(
      await checkInMember(
        deps,
        clerkCaller,
        { eventId: attended.id, code: await codeOf(deps, me) },
        newRequestId(),
      ),
      'check-in',
    )
    const upcoming = await aPublishedEvent(deps, { capacity: 1 })
    must(
      await signUpForEvent(deps, me, { eventId: upcoming.id, acknowledged: false }, newRequestId()),
      'upcoming sign-up',
    )

    // A message still waiting to go.
    await deps.store.transaction((tx) =>
      tx.outbox.add({
        id: `pending-${memberId}`,
        memberId,
        kind: 'points.earned',
        payload: { realName: PERSON.realName, points: 30 },
        createdAt: deps.clock.now().toISOString(),
        status: 'pending',
      }),
    )

    // The withdrawal request, with a reason naming the member.
    const withdrawal = must(
      await requestMyWithdrawal(
        deps,
        me,
        { reason: `${PERSON.realName}的店铺转让了` },
        newRequestId(),
      ),
      'withdrawal request',
    )
    return { openid, memberId, cardNo, reviewerCaller, withdrawal, upcoming, form }
  }

  it('leaves no row holding the name, mobile or licence, in clear or sealed form', async () => {
    const scene = await aMemberWithEverything()
    const stored = (await t.deps.store.read.members.byId(scene.memberId)) as MemberRecord
    const secrets = {
      realName: PERSON.realName,
      mobile: PERSON.mobile,
      licenceNo: PERSON.licenceNo,
      shopName: PERSON.shopName,
      shopAddress: PERSON.shopAddress,
      correctedAddress: PERSON.correctedAddress,
      openid: scene.openid,
      mobileEnc: stored.mobile.enc,
      mobileHash: stored.mobile.hash,
      mobileIndex: t.deps.cipher.blindIndex('mobile', PERSON.mobile),
      licenceEnc: stored.licence.enc,
      licenceHash: stored.licence.hash,
      licenceIndex: t.deps.cipher.blindIndex('licence', PERSON.licenceNo),
    }
    // The scene really spread the data: before the withdrawal it is found all over the store.
    const spreadBefore = new Set(
      everyStoredValue(t.snapshot())
        .filter((v) => v.text.includes(PERSON.realName))
        .map((v) => v.table),
    )
    expect([...spreadBefore].sort()).toEqual(
      expect.arrayContaining(['audit_log', 'members', 'outbox', 'requests', 'suggestions']),
    )

    const confirmed = await confirmMemberWithdrawal(
      t.deps,
      scene.reviewerCaller,
      { id: scene.withdrawal.id },
      newRequestId(),
    )
    expect(confirmed).toMatchObject({ ok: true })

    const leaks = everyStoredValue(t.snapshot()).flatMap((value) =>
      Object.entries(secrets)
        .filter(([, secret]) => value.text.includes(secret))
        .map(([what]) => `${what} in ${value.table}.${value.column}`),
    )
    expect(leaks).toEqual([])
  })

  // SQLite only: it reads the database file's bytes; the CloudBase service keeps no file to read.
  itOnSqlite('leaves no copy in the bytes of any file of the open store', async () => {
    const scene = await aMemberWithEverything()
    const stored = (await t.deps.store.read.members.byId(scene.memberId)) as MemberRecord
    await confirmMemberWithdrawal(
      t.deps,
      scene.reviewerCaller,
      { id: scene.withdrawal.id },
      newRequestId(),
    )

    // The store stays open, as a running host's does: nothing closes it to tidy its files first.
    const dir = dirname(t.file)
    const files = readdirSync(dir)
      .filter((name) => name.startsWith(basename(t.file)))
      .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }))

    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['club.db', 'club.db-wal']))
    expect(files.some((f) => f.bytes.includes(Buffer.from('已注销会员', 'utf8')))).toBe(true)
    const secrets = {
      ...PERSON,
      openid: scene.openid,
      mobileEnc: stored.mobile.enc,
      mobileHash: stored.mobile.hash,
      licenceEnc: stored.licence.enc,
      licenceHash: stored.licence.hash,
    }
    const copies = files.flatMap(({ name, bytes }) =>
      Object.entries(secrets)
        .filter(([, secret]) => bytes.includes(Buffer.from(secret, 'utf8')))
        .map(([what]) => `${what} in ${name}`),
    )
    expect(copies).toEqual([])
  })

  it('clears the points (Σ ledger = balance = 0), revokes the card and gives the event place back', async () => {
    const scene = await aMemberWithEverything()
    const read = t.deps.store.read
    expect((await read.points.account(scene.memberId))!.balance).toBeGreaterThan(0)

    await confirmMemberWithdrawal(
      t.deps,
      scene.reviewerCaller,
      { id: scene.withdrawal.id },
      newRequestId(),
    )

    expect((await read.points.account(scene.memberId))!.balance).toBe(0)
    expect(await read.points.ledgerSum(scene.memberId)).toBe(0)
    expect((await read.cards.byCardNo(scene.cardNo))?.status).toBe('revoked')
    expect((await read.events.byId(scene.upcoming.id))?.confirmed).toBe(0)
    expect(await read.clubs.byMember(scene.memberId)).toMatchObject({ state: 'cancelled' })
  })

  it('keeps the anonymous id in ledger, audit and referrals; the texts the member wrote are deleted', async () => {
    const scene = await aMemberWithEverything()
    const read = t.deps.store.read

    await confirmMemberWithdrawal(
      t.deps,
      scene.reviewerCaller,
      { id: scene.withdrawal.id },
      newRequestId(),
    )

    expect(await read.members.byId(scene.memberId)).toMatchObject({
      status: 'withdrawn',
      realName: '已注销会员',
      openid: `erased:${scene.memberId}`,
      unionid: null,
      mobile: { enc: '', hash: `erased:${scene.memberId}:mobile` },
      licence: { enc: '', hash: `erased:${scene.memberId}:licence` },
      referralCode: null,
      cardNo: scene.cardNo,
    })
    expect((await read.points.history(scene.memberId, 0, 100)).total).toBeGreaterThan(3)
    const audit = await read.audit.forTarget('member', scene.memberId)
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'registration.approve',
        'member.correct',
        'member.export',
        'member.withdraw',
      ]),
    )
    const referred = await read.members.listByStatus('pending', 0, 10)
    expect(referred.items.map((m) => m.referredBy)).toContain(scene.memberId)
    expect((await read.suggestions.forMember(scene.memberId))[0]).toMatchObject({
      text: '[已删除]',
      answer: '[已删除]',
    })
    expect((await read.complaints.forMember(scene.memberId))[0]).toMatchObject({
      text: '[已删除]',
      answer: '[已删除]',
      photos: [],
    })
    expect((await read.sanctions.forMember(scene.memberId))[0]).toMatchObject({
      reason: '[erased]在活动中扰乱秩序',
      appeal: { text: '[已删除]' },
    })
  })

  it('lets the same WeChat user register again as a new member with the same mobile and licence', async () => {
    const scene = await aMemberWithEverything()
    await confirmMemberWithdrawal(
      t.deps,
      scene.reviewerCaller,
      { id: scene.withdrawal.id },
      newRequestId(),
    )

    const again = await registerMember(t.deps, callerOf(scene.openid), scene.form, newRequestId())

    expect(again).toMatchObject({ ok: true, data: { status: 'pending' } })
    expect(again.ok && again.data.memberId).not.toBe(scene.memberId)
  })
})
