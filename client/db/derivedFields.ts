import type { EntityTable } from './stores.ts'
import { withMemberFields } from '../features/directory/derivedFields.ts'

/**
 * Fields the device adds to a synced row, each computed from the row and its scope alone: the
 * directory's search text grows page by page with the download instead of being built afterwards.
 */
const DERIVED: Partial<Record<EntityTable, (row: Record<string, unknown>, scope: string) => Record<string, unknown>>> =
  { members: withMemberFields }

/** The row as the device stores it in `table`: from a pull and from a change made on the device alike. */
export function withDerivedFields(
  table: EntityTable,
  row: Record<string, unknown>,
  scope: string,
): Record<string, unknown> {
  return DERIVED[table]?.(row, scope) ?? row
}
