import type { WriteOutcome } from '../../ports'
import { addOrRetry, singleDoc, type CollectionSource } from './cloudbase-access'

type Doc = Record<string, unknown>

/**
 * Inserts `fields` under `id` as version 1, or replaces the document stored at `version - 1`.
 * The version is compared in JS after reading the document and the write is a `set` (or an `add`
 * for version 1): inside a transaction only single-document operations and `where().get()` take
 * part (PLATFORM §1), so a filtered `where({version}).update()` would escape the transaction. The
 * write of a version 1 is preceded by a read too, so a clash is normally a value and not a failed
 * `add` inside the transaction; the `add` still reports a racing duplicate as a version conflict.
 * The caller checks that it may write. Fields named in `keep` are the adapter's own, not the
 * record's: a replace keeps their stored values.
 */
export async function saveVersioned(
  source: CollectionSource,
  name: string,
  id: string,
  fields: Doc & { version: number },
  keep: readonly string[] = [],
): Promise<WriteOutcome> {
  const coll = source.collection(name)
  const current = singleDoc(await coll.doc(id).get())
  if (fields.version === 1) {
    if (current) return { ok: false, conflict: 'version' }
    await addOrRetry(coll, { _id: id, ...fields })
    return { ok: true }
  }
  if (!current || current.version !== fields.version - 1) {
    return { ok: false, conflict: 'version' }
  }
  const kept = Object.fromEntries(keep.filter((k) => k in current).map((k) => [k, current[k]]))
  await coll.doc(id).set({ ...fields, ...kept })
  return { ok: true }
}

/**
 * `saveVersioned` for a repository's writes: `mustWrite` first (outside a transaction the
 * repositories only read), then the versioned save on `source`.
 */
export function versionedSaves(source: CollectionSource, mustWrite: () => void) {
  return async (
    name: string,
    id: string,
    fields: Doc & { version: number },
    keep: readonly string[] = [],
  ) => {
    mustWrite()
    return saveVersioned(source, name, id, fields, keep)
  }
}
