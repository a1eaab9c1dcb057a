import { adminFunction } from '../cloudfunctions/admin/index'
import { memberFunction } from '../cloudfunctions/member/index'

/** Every cloud function the local host serves; the same entries CloudBase runs. */
export const FUNCTIONS = [memberFunction, adminFunction] as const
