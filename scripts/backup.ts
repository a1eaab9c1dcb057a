/**
 * `npm run backup -- [dest]`: a consistent copy of the local store (CLUB_DB, else data/club.db),
 * safe while the host runs; by default into data/backups/club-<UTC stamp>.db.
 */
import { backupStore, storeFileOf } from './store-backup'

try {
  const source = storeFileOf()
  const copy = backupStore(source, process.argv[2])
  console.log(`backup of ${source}`)
  console.log(`  written: ${copy.file} (integrity ${copy.integrity}, schema ${copy.schema})`)
  // The member fields in it are encrypted: without the data key the copy cannot be read.
  console.log('  keep data.key (or CLUB_DATA_KEY) safe as well, stored apart from the backup')
} catch (error) {
  console.error(`backup failed: ${(error as Error).message}`)
  process.exit(1)
}
