import type { CollectionSource } from './cloudbase-access'

type Doc = Record<string, unknown>
// The SDK's references are untyped here (CollectionSource); the proxies keep their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ref = any

/**
 * A source that can be told what a document holds, learnt from a query of the same transaction
 * (same snapshot), so that a later `doc(id).get()` of it costs no request.
 */
export type KnownReads = { remember(name: string, id: string, doc: Doc | null): void }

/** Tells `source` what a query read, when it keeps a transaction's reads (else nothing). */
export function rememberRead(source: CollectionSource, name: string, id: string, doc: Doc | null) {
  const known = source as Partial<KnownReads>
  known.remember?.(name, id, doc)
}

/** A document's key among a transaction's reads. */
const keyOf = (name: string, id: unknown) => `${name}\u0000${String(id)}`

/** The writes of a document reference that change what a later read of it must see. */
const DOC_WRITES = new Set(['update', 'set', 'remove', 'delete'])

/**
 * A transaction's collections that read each document once: inside a transaction a document reads
 * the same until the transaction writes it (snapshot isolation, PLATFORM §1), so a second
 * `doc(id).get()` answers from the first read instead of another wire request. A write through
 * `doc(id)` or an `add` forgets that document; a `where(...)` query forgets the collection (its
 * `update`/`remove` run outside the transaction). Each read gets its own copy, so a caller that
 * changes what it read changes nothing here.
 */
export function readingOnce(source: CollectionSource): CollectionSource & KnownReads {
  const reads = new Map<string, Promise<unknown>>()
  const forget = (name: string, id?: unknown) => {
    if (id === undefined) {
      for (const key of reads.keys()) if (key.startsWith(`${name}\u0000`)) reads.delete(key)
    } else reads.delete(keyOf(name, id))
  }
  return {
    remember(name: string, id: string, doc: Doc | null) {
      reads.set(keyOf(name, id), Promise.resolve({ data: doc }))
    },
    collection(name: string) {
      const collection: Ref = source.collection(name)
      return new Proxy(collection, {
        get(target, prop, receiver) {
          if (prop === 'doc') return (id: string) => documentOnce(name, id, target.doc(id))
          if (prop === 'add') {
            return (data: Doc | Doc[]) => {
              for (const doc of Array.isArray(data) ? data : [data]) forget(name, doc._id)
              return target.add(data)
            }
          }
          if (prop === 'where') {
            return (...args: unknown[]) => {
              forget(name)
              return target.where(...args)
            }
          }
          return Reflect.get(target, prop, receiver)
        },
      })
    },
  }

  function documentOnce(name: string, id: string, reference: Ref) {
    const key = keyOf(name, id)
    return new Proxy(reference, {
      get(target, prop, receiver) {
        if (prop === 'get') {
          return () => {
            let read = reads.get(key)
            if (!read) {
              read = target.get() as Promise<unknown>
              reads.set(key, read)
              read.catch(() => reads.delete(key))
            }
            return read.then((answer) => structuredClone(answer))
          }
        }
        if (typeof prop === 'string' && DOC_WRITES.has(prop)) {
          return (...args: unknown[]) => {
            forget(name, id)
            return target[prop](...args)
          }
        }
        return Reflect.get(target, prop, receiver)
      },
    })
  }
}
