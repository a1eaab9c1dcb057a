import type { ClubMembership } from '../../../../src/domain/club/club'
import type { Suggestion } from '../../../../src/domain/club/suggestion'
import type { StarRule } from '../../../../src/domain/star/thresholds'
import type {
  ClubRepository,
  StarImport,
  StarImportRepository,
  StarRuleRepository,
  SuggestionRepository,
} from '../../ports'
import {
  collectionAccess,
  readAll,
  readByIds,
  readPage,
  withoutId,
  type CollectionSource,
  type DbCommand,
} from './cloudbase-access'
import { versionedSaves } from './cloudbase-versioned'
import { COLLECTIONS } from './cloudbase-schema'

type Doc = Record<string, unknown>

/** A document whose `_id` repeats a field it also stores (a year), as the record without `_id`. */
const stripId = <T>({ _id, ...record }: Doc) => record as T

/**
 * Star settings and imports, club memberships and the club's suggestion box over the CloudBase
 * database. A rule's and an import's `_id` is their year as a string, and the year is stored as a
 * number too, to order by; a membership's `_id` is its member id and a suggestion's its id.
 * Versioned saves read the document first and compare its version in JS (see `saveVersioned`);
 * outside a transaction (`writable: false`) the repositories only read.
 */
export function cloudbaseClubRepositories(
  source: CollectionSource,
  command: DbCommand,
  writable: boolean,
): {
  starRules: StarRuleRepository
  starImports: StarImportRepository
  clubs: ClubRepository
  suggestions: SuggestionRepository
} {
  const { coll, getDoc, mustWrite } = collectionAccess(source, writable)
  const save = versionedSaves(source, mustWrite)
  /** One page of a filtered, ordered query and the filter's total. */
  const page = async <T>(
    name: string,
    where: Doc,
    order: [field: string, direction: 'asc' | 'desc'][],
    offset: number,
    limit: number,
    toRecord: (d: Doc) => T,
  ) => {
    // count() never takes part in a transaction: inside one, `total` is the committed count.
    const query = coll(name).where(where)
    const ordered = order.reduce((q, [field, direction]) => q.orderBy(field, direction), query)
    const [rows, count] = await Promise.all([readPage(ordered, offset, limit), query.count()])
    return { items: rows.map(toRecord), total: count.total as number }
  }
  const toClub = (d: Doc) => withoutId<ClubMembership>(d, 'memberId')
  const toSuggestion = (d: Doc) => withoutId<Suggestion>(d, 'id')

  return {
    starRules: {
      all: async () => {
        const query = coll(COLLECTIONS.starRules).orderBy('effectiveYear', 'asc')
        return (await readAll(query)).map((d) => stripId<StarRule>(d))
      },
      // `set` replaces the year's document whole, or creates it: one rule per effective year.
      put: async (rule) => {
        mustWrite()
        await coll(COLLECTIONS.starRules)
          .doc(String(rule.effectiveYear))
          .set({ ...rule })
      },
    },
    starImports: {
      get: async (year) => {
        const d = await getDoc(COLLECTIONS.starImports, String(year))
        return d ? stripId<StarImport>(d) : null
      },
      save: (starImport) =>
        save(COLLECTIONS.starImports, String(starImport.year), { ...starImport }),
    },
    clubs: {
      byMember: async (memberId) => {
        const d = await getDoc(COLLECTIONS.clubs, memberId)
        return d ? toClub(d) : null
      },
      byMembers: async (memberIds) =>
        (await readByIds(source, command, COLLECTIONS.clubs, memberIds)).map(toClub),
      save: ({ memberId, ...fields }) => save(COLLECTIONS.clubs, memberId, fields),
      listByState: (state, offset, limit) =>
        page(
          COLLECTIONS.clubs,
          { state },
          [
            ['since', 'asc'],
            ['_id', 'asc'],
          ],
          offset,
          limit,
          toClub,
        ),
    },
    suggestions: {
      byId: async (id) => {
        const d = await getDoc(COLLECTIONS.suggestions, id)
        return d ? toSuggestion(d) : null
      },
      save: ({ id, ...fields }) => save(COLLECTIONS.suggestions, id, fields),
      forMember: async (memberId) => {
        const query = coll(COLLECTIONS.suggestions)
          .where({ memberId })
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'desc')
        return (await readAll(query)).map(toSuggestion)
      },
      // Every suggestion stores `answeredAt`, null until answered (`{answeredAt: null}` would also
      // match a missing field, as in MongoDB).
      list: (answered, offset, limit) =>
        answered
          ? page(
              COLLECTIONS.suggestions,
              { answeredAt: command.neq(null) },
              [
                ['answeredAt', 'desc'],
                ['_id', 'desc'],
              ],
              offset,
              limit,
              toSuggestion,
            )
          : page(
              COLLECTIONS.suggestions,
              { answeredAt: null },
              [
                ['createdAt', 'asc'],
                ['_id', 'asc'],
              ],
              offset,
              limit,
              toSuggestion,
            ),
    },
  }
}
