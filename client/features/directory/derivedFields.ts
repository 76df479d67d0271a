import type { MemberEntry } from '../../../shared/schemas/person.ts'
import { searchFieldsOf, type SearchFields } from './searchFields.ts'

/** What the device adds to a stored directory entry; see {@link withMemberFields}. */
export interface MemberDerivedFields extends SearchFields {
  /** The entry's scope, present only if the member runs the network: the key of a sparse index. */
  _runs?: string
}

/** Whether the entry's member is one of those the roles page lists first (board and administrators). */
export function runsTheNetwork(entry: Pick<MemberEntry, 'role'>): boolean {
  return entry.role === 'admin' || entry.role === 'board'
}

/**
 * A directory entry as the device stores it: with its search fields, and
 * `_runs` only if the member is on the board or an administrator, so the
 * roles page finds them from an index that holds a few rows instead of one
 * per member. Computed from the row and its scope alone, on every write.
 */
export function withMemberFields(row: Record<string, unknown>, scope: string): Record<string, unknown> {
  const { _runs: _old, ...rest } = row
  const entry = row as unknown as MemberEntry
  const derived: MemberDerivedFields = { ...searchFieldsOf(entry), ...(runsTheNetwork(entry) ? { _runs: scope } : {}) }
  return { ...rest, ...derived }
}
