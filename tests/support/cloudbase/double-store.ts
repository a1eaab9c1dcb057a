import * as tcb from '@cloudbase/node-sdk'
import { CLOUDBASE_COLLECTIONS } from '../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema'
import {
  cloudbaseStore,
  type CloudbaseDb,
} from '../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-store'
import type { Store } from '../../../cloudfunctions/_shared/ports'
import { CloudbaseDatabaseDouble, type DatabaseDoubleOptions } from './database-double'
import { installDatabaseDouble } from './sdk-seam'

let stores = 0

/** The unique indexes `npm run cloud:setup` creates (cloudbase-schema.ts; `_id` is unique anyway). */
export const UNIQUE_INDEXES: Record<string, string[][]> = Object.fromEntries(
  CLOUDBASE_COLLECTIONS.map(({ name, indexes }) => [
    name,
    indexes.filter((index) => index.unique).map((index) => index.keys.map((key) => key.field)),
  ]),
)

/** A double holding every collection of the schema, with its unique indexes: as after setup. */
export function aPreparedDouble(options: DatabaseDoubleOptions = {}): CloudbaseDatabaseDouble {
  const double = new CloudbaseDatabaseDouble({ uniqueIndexes: UNIQUE_INDEXES, ...options })
  for (const { name } of CLOUDBASE_COLLECTIONS) double.createCollection(name)
  return double
}

/**
 * The production store — the CloudBase adapter over the real `@cloudbase/node-sdk` — with the
 * database double under the SDK. `cleanup` takes the double out again.
 */
export function aDoubleBackedStore(options: DatabaseDoubleOptions = {}): {
  store: Store
  double: CloudbaseDatabaseDouble
  db: CloudbaseDb
  cleanup: () => Promise<void>
} {
  const double = aPreparedDouble(options)
  const envId = `club-store-${++stores}`
  const uninstall = installDatabaseDouble(double, envId)
  const db = tcb.init({ env: envId }).database() as unknown as CloudbaseDb
  return {
    store: cloudbaseStore(db),
    double,
    db,
    cleanup: async () => uninstall(),
  }
}
