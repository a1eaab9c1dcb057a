/**
 * `npm run restore -- <backup file>`: puts a checked backup in place of the local store (CLUB_DB,
 * else data/club.db) while the host is stopped; the current store is kept beside it as
 * club.db.before-restore-<UTC stamp> (with its -wal and -shm).
 */
import { restoreStore, storeFileOf } from './store-backup'

const from = process.argv[2]
if (!from) {
  console.error('usage: npm run restore -- <backup file>')
  process.exit(2)
}
try {
  const done = restoreStore(from, storeFileOf())
  console.log(`restored ${from} (schema ${done.schema}) to ${done.restored}`)
  if (done.aside) console.log(`  the previous store is kept as ${done.aside}`)
} catch (error) {
  console.error(`restore refused: ${(error as Error).message}`)
  process.exit(1)
}
