// Plain data (no schemas), so the sync engine on the first screen does not load Zod.
import type { EntityName } from '../../shared/sync/entities.ts'
import { mergeDisjoint } from '../../shared/mergeDisjoint.ts'
import type { DeviceTable } from './deviceTable.ts'
import { NETWORK_TABLES } from '../features/networks/deviceTables.ts'
import { GROUP_TABLES } from '../features/groups/deviceTables.ts'
import { EVENT_TABLES } from '../features/events/deviceTables.ts'
import { CHECK_IN_TABLES } from '../features/checkIn/deviceTables.ts'
import { PROFILE_TABLES } from '../features/profile/deviceTables.ts'
import { MEMBERSHIP_TABLES } from '../features/membership/deviceTables.ts'
import { DIRECTORY_TABLES } from '../features/directory/deviceTables.ts'
import { EDUCATION_TABLES } from '../features/education/deviceTables.ts'
import { NOTIFICATION_TABLES } from '../features/notifications/deviceTables.ts'
import { NEWSLETTER_TABLES } from '../features/newsletters/deviceTables.ts'

/**
 * The device table of every synced entity, as each feature registers it. The
 * compiler refuses an entity in `shared/sync/entities.ts` without one.
 */
export const DEVICE_TABLES = mergeDisjoint(
  NETWORK_TABLES,
  GROUP_TABLES,
  EVENT_TABLES,
  CHECK_IN_TABLES,
  PROFILE_TABLES,
  MEMBERSHIP_TABLES,
  DIRECTORY_TABLES,
  EDUCATION_TABLES,
  NOTIFICATION_TABLES,
  NEWSLETTER_TABLES,
) satisfies Record<EntityName, DeviceTable>

type EntityTables = { [E in EntityName]: (typeof DEVICE_TABLES)[E]['table'] }
export type EntityTable = EntityTables[EntityName]

/** Which device table holds each synced entity. */
export const ENTITY_TABLES = Object.fromEntries(
  Object.entries(DEVICE_TABLES).map(([entity, { table }]) => [entity, table]),
) as EntityTables

/** Whether a string names a synced entity (without loading the schemas that `shared/sync/entities.ts` holds). */
export function isEntityName(name: string): name is EntityName {
  return Object.hasOwn(DEVICE_TABLES, name)
}

/**
 * Every synced table's Dexie store: the row's key, its id, and the indexes its feature asked for. No index
 * on `_scope`: the key begins with the scope, so a scope's rows are a range of the key (see `rowKey`), and
 * each index more is one more write per row of a 40,000-member directory's first download.
 */
export function syncedStores(): Record<EntityTable, string> {
  return Object.fromEntries(
    Object.values(DEVICE_TABLES).map(({ table, indexes }) => [table, ['_key', 'id', ...indexes].join(', ')]),
  ) as Record<EntityTable, string>
}
