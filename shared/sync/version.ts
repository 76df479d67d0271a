/**
 * The sync protocol's version. Bump it when the shape of synced rows or
 * mutations changes in a way an older client cannot handle; the server then
 * tells older clients to update (their outbox is replayed after the update).
 */
export const SYNC_PROTOCOL_VERSION = 1

/** The oldest client protocol this server still accepts. */
export const MIN_CLIENT_PROTOCOL_VERSION = 1
