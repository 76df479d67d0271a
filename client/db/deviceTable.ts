import type { EntityName } from '../../shared/sync/entities.ts'

/**
 * Where a synced entity lives on the device: its Dexie table, and the
 * indexes its pages query by (beside `_key`, `_scope` and `id`, which every
 * synced table has). Keep only indexes a query uses: each costs time on
 * every row the first sync writes.
 */
export interface DeviceTable {
  table: string
  indexes: readonly string[]
}

/** The device tables one feature registers, by entity name. */
export type DeviceTables = Partial<Record<EntityName, DeviceTable>>
