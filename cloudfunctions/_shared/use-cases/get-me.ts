import type { MeView, MemberSelfView } from '../../../src/contracts/member.contract'
import { notSignedIn } from '../../../src/domain/shared/common.errors'
import { maskLicence, maskMobile } from '../../../src/domain/privacy/mask'
import { ok, type Result } from '../../../src/domain/shared/result'
import { resolveActor, type Caller } from '../caller'
import { openMember } from '../member-sealing'
import type { Deps } from '../ports'
import { standingOf } from '../star-views'
import { starForYear } from '../../../src/domain/star/star'
import { disciplineStandingOf } from '../sanction-views'

/** The signed-in person's role and, for a retailer, their own account (SPEC §9: view own data). */
export async function getMe(deps: Deps, caller: Caller): Promise<Result<MeView>> {
  if (!caller.openid) return notSignedIn()
  const actor = await resolveActor(deps.store.read, caller)
  const policyVersion = deps.settings.policyVersion
  if (!actor.member) {
    const staff = actor.staff && {
      name: actor.staff.name,
      role: actor.staff.role,
      site: actor.staff.site,
      since: actor.staff.createdAt,
    }
    return ok({ role: actor.role, policyVersion, member: null, staff })
  }

  const member = openMember(actor.member, deps.cipher)
  // A referred applicant correcting a rejected form keeps their referrer's code.
  const referrer =
    member.status === 'rejected' && member.referredBy
      ? await deps.store.read.members.byId(member.referredBy)
      : null
  const {
    year: starYear,
    star,
    grants,
    club,
  } = await standingOf(deps.store.read, member.id, deps.clock.now())
  const view: MemberSelfView = {
    id: member.id,
    status: member.status,
    realName: member.realName,
    mobileMasked: maskMobile(member.mobile),
    shopName: member.shopName,
    shopAddress: member.shopAddress,
    licenceMasked: maskLicence(member.licenceNo),
    birthday: member.birthday,
    cardNo: member.cardNo,
    referralCode: member.referralCode,
    star,
    starYear,
    previousStar: starForYear(grants, starYear - 1),
    clubState: club.state,
    rejectReason: member.rejectReason,
    submittedAt: member.submittedAt,
    reviewedAt: member.reviewedAt,
    consentVersion: member.consentVersion,
    ...(await disciplineStandingOf(deps.store.read, actor.member)),
    resubmitForm:
      member.status === 'rejected' || member.status === 'pending'
        ? {
            realName: member.realName,
            mobile: member.mobile,
            shopName: member.shopName,
            shopAddress: member.shopAddress,
            licenceNo: member.licenceNo,
            birthday: member.birthday,
            consentVersion: member.consentVersion,
            ...(member.channel ? { channel: member.channel } : {}),
            ...(referrer?.referralCode ? { referralCode: referrer.referralCode } : {}),
          }
        : null,
  }
  return ok({ role: actor.role, policyVersion, member: view, staff: null })
}
