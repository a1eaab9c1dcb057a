import type { SaveItemInput } from '../../../src/contracts/points.contract'
import { itemNotFound } from '../../../src/domain/points/points.errors'
import type { RewardItem } from '../../../src/domain/points/redemption'
import { writeConflict } from '../../../src/domain/shared/common.errors'
import { ok, type Result } from '../../../src/domain/shared/result'
import { auditOf } from '../audit'
import { requireStaff, type Caller } from '../caller'
import { idempotent } from '../idempotent'
import type { Deps } from '../ports'

/** Every reward, on offer or not, for the admin's catalogue page. */
export async function listAllItems(deps: Deps, caller: Caller): Promise<Result<RewardItem[]>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  return ok(await deps.store.read.catalogue.all())
}

/**
 * An admin adds or edits a reward (name, image, points price, stock, voucher value, window, on/off).
 * An edit names the version it was made from, so two admins never overwrite each other; audited.
 */
export async function saveRewardItem(
  deps: Deps,
  caller: Caller,
  input: SaveItemInput,
  requestId: string,
): Promise<Result<RewardItem>> {
  const admin = await requireStaff(deps, caller, 'admin')
  if (!admin.ok) return admin
  const key = { requestId, openid: caller.openid, fn: 'points', action: 'saveItem' }
  return idempotent(deps, key, async (tx) => {
    const { id, version, ...fields } = input
    const before = id ? await tx.catalogue.byId(id) : null
    if (id && !before) return itemNotFound()
    if (before && version !== before.version) return writeConflict()
    const item: RewardItem = {
      ...fields,
      id: id ?? `item-${deps.ids.next()}`,
      version: (before?.version ?? 0) + 1,
    }
    if (!(await tx.catalogue.save(item)).ok) return writeConflict()
    const now = deps.clock.now()
    await tx.audit.append(
      auditOf(deps, admin.data, {
        action: before ? 'catalogue.update' : 'catalogue.create',
        targetType: 'reward_item',
        targetId: item.id,
        before,
        after: item,
        reason: null,
        requestId,
        now,
      }),
    )
    return ok(item)
  })
}
