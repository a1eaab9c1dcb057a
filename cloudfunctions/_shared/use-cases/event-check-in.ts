import type { CheckInOutcome, EventView } from '../../../src/contracts/events.contract'
import { parseCardCode } from '../../../src/domain/card/card-code'
import {
  checkIn,
  CHECK_IN_CLOSES_AFTER_MS,
  isCheckInOpen,
} from '../../../src/domain/event/check-in'
import { alreadyCheckedIn, eventNotFound } from '../../../src/domain/event/event.errors'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Failure, type Result } from '../../../src/domain/shared/result'
import { requireStaff, type Caller } from '../caller'
import { eventView } from '../event-views'
import { idempotent } from '../idempotent'
import { awardEventPoints, eventEntryIdOf } from '../points-credit'
import type { Deps, Repositories } from '../ports'
import { refuseStaffCardholder } from '../staff-cardholders'
import { acceptShownCode } from './card-use-cases'
import { readAlongsideCount } from '../rate-limits'

/** Events a clerk can check members in to now: published, within their check-in window. */
export async function checkInEvents(deps: Deps, caller: Caller): Promise<Result<EventView[]>> {
  const clerk = await requireStaff(deps, caller, 'clerk')
  if (!clerk.ok) return clerk
  const now = deps.clock.now()
  // Events not ended an hour (and a millisecond) ago; the domain rule then says which are open.
  const since = new Date(now.getTime() - CHECK_IN_CLOSES_AFTER_MS - 1).toISOString()
  const page = await deps.store.read.events.list(
    { statuses: ['published'], when: { upcoming: true, now: since } },
    0,
    50,
  )
  return ok(page.items.filter((e) => isCheckInOpen(e, now)).map(eventView))
}

/**
 * A clerk scans a member's card at the venue (SPEC §7): the shown code is verified and used up,
 * the confirmed sign-up checked in and the event's points credited — all in one transaction,
 * once per member and event (a second scan is refused as 已签到 and credits nothing).
 */
export async function checkInMember(
  deps: Deps,
  caller: Caller,
  input: { eventId: string; code: string },
  requestId: string,
  /** The clerk's rate count, sent alongside the clerk's read (see `readAlongsideCount`). */
  admission: Promise<Result<void>> = Promise.resolve(ok(undefined)),
): Promise<Result<CheckInOutcome>> {
  const read = await readAlongsideCount(admission, requireStaff(deps, caller, 'clerk'))
  if (!read.ok) return read
  const clerk = read.data
  if (!clerk.ok) return clerk
  const parsed = parseCardCode(input.code)
  if (!parsed.ok) return parsed
  const refused = await refuseStaffCardholder(deps, clerk.data, parsed.data.cardNo, {
    action: 'events.checkIn',
    requestId,
  })
  if (refused) return refused
  const key = { requestId, openid: caller.openid, fn: 'events', action: 'checkIn' }
  return idempotent(deps, key, async (tx) => {
    const now = deps.clock.now()
    const event = await tx.events.byId(input.eventId)
    if (!event) return eventNotFound()
    const shown = await acceptShownCode(deps, tx, parsed.data, clerk.data.id, now)
    if (!shown.ok) return (await checkedInBefore(tx, event.id, parsed.data.cardNo, shown)) ?? shown
    const { member, card } = shown.data
    const checked = checkIn(event, await tx.signups.get(event.id, member.id), clerk.data.id, now)
    if (!checked.ok) return checked
    if (!(await tx.events.save(checked.data.event)).ok) return writeConflict()
    if (!(await tx.signups.save(checked.data.signup)).ok) return writeConflict()
    const credited = await awardEventPoints(tx, {
      eventId: event.id,
      eventTitle: event.title,
      memberId: member.id,
      points: event.attendancePoints,
      actorId: clerk.data.id,
      requestId,
      now,
    })
    const balance = (await tx.points.account(member.id))?.balance ?? 0
    if (credited) {
      await tx.outbox.add({
        id: `points-earned:${eventEntryIdOf(event.id, member.id)}`,
        memberId: member.id,
        kind: 'points.earned',
        payload: { points: event.attendancePoints, balance, label: 'event', title: event.title },
        createdAt: now.toISOString(),
        status: 'pending',
      })
    }
    return ok({
      realName: member.realName,
      cardNo: card.cardNo,
      points: credited ? event.attendancePoints : 0,
      balance,
      checkedIn: checked.data.event.checkedIn,
      confirmed: checked.data.event.confirmed,
    })
  })
}

/**
 * A code scanned twice at the door (the member still holding up the same screen) is refused as
 * replayed; when that member is already checked in, the clerk hears that instead, with the time.
 */
async function checkedInBefore(
  tx: Repositories,
  eventId: string,
  cardNo: string,
  refusal: Failure,
): Promise<Failure | null> {
  if (refusal.error.code !== 'CARD.CODE_REPLAYED') return null
  const card = await tx.cards.byCardNo(cardNo)
  const signup = card ? await tx.signups.get(eventId, card.memberId) : null
  return signup?.checkedInAt ? alreadyCheckedIn(signup.checkedInAt) : null
}
