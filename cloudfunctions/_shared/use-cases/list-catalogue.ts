import type { CatalogueItemView } from '../../../src/contracts/points.contract'
import { earliestPickupDate, isOnOffer, needsBooking } from '../../../src/domain/points/redemption'
import { ok, type Result } from '../../../src/domain/shared/result'
import { requireMember, type Caller } from '../caller'
import type { Deps } from '../ports'

/** The rewards on offer now, cheapest first (积分兑换). */
export async function listCatalogue(
  deps: Deps,
  caller: Caller,
): Promise<Result<CatalogueItemView[]>> {
  const member = await requireMember(deps, caller)
  if (!member.ok) return member
  const now = deps.clock.now()
  const items = await deps.store.read.catalogue.all()
  return ok(
    items
      .filter((item) => isOnOffer(item, now))
      .map((item) => ({
        id: item.id,
        name: item.name,
        imageUrl: item.imageUrl,
        pointsPrice: item.pointsPrice,
        stock: item.stock,
        faceValueFen: item.faceValueFen,
        needsBooking: needsBooking(item),
        earliestPickupDate: needsBooking(item) ? earliestPickupDate(now) : null,
      })),
  )
}
