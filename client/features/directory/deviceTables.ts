import type { DeviceTables } from '../../db/deviceTable.ts'

// Search, sort and filter run in memory (memberIndex.ts), so the only index is `_runs`, which holds the
// scope only on the rows of those who run the network (see derivedFields.ts): a sparse index, a few
// entries in a 40,000-member directory, where any index on every row slows its first download.
export const DIRECTORY_TABLES = {
  member: { table: 'members', indexes: ['_runs'] },
} as const satisfies DeviceTables
