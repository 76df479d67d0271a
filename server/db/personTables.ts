import type { Database } from './schema.ts'

/** Every table whose rows name a person in `personId`. */
export type PersonTable = {
  [T in keyof Database]: 'personId' extends keyof Database[T] ? T : never
}[keyof Database]

/**
 * How one table's rows about a person take part in their data export (GDPR
 * art. 15 and 20) and erasure (art. 17). Erasure deletes every such row; the
 * export puts them under `exportAs` (a dotted path), either these columns
 * (`'all'`: every column) or, for rows that need a join, as
 * `exportPersonData` builds them. A table left out of the export says why.
 */
export type PersonDataRule<T extends PersonTable> =
  | { exportAs: string; columns: readonly (keyof Database[T] & string)[] | 'all' }
  | { exportAs: string; builtBy: 'exportPersonData' }
  | { omitted: string }

/** The person tables one feature registers. */
export type PersonDataRules = { [T in PersonTable]?: PersonDataRule<T> }
