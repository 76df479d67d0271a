/**
 * A synced row's key on the device: the same row may arrive in several
 * scopes (a member's entry in two networks), and each copy is its own row.
 */
export function rowKey(scope: string, id: string): string {
  return `${scope}|${id}`
}

/** How an outbox entry names a local row it changed, so a pull does not overwrite it before the push. */
export function changedRowKey(table: string, key: string): string {
  return `${table}|${key}`
}
