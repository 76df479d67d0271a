import { db } from '../../db/database.ts'
import { enqueueMutation } from '../../sync/outbox.ts'
import type { MutationArgs, MutationName } from '../../../shared/sync/mutations.ts'
import { useSessionStore } from '../session/sessionStore.ts'
import { useSyncStore } from './syncStore.ts'

/**
 * How a screen makes a change: applied on the device at once and queued in
 * the outbox (one transaction), then a sync is asked for, which sends it when
 * there is a connection.
 *
 * `about` names whom or what the change concerns, so a refusal can say so.
 *
 * @example const change = useChange(); await change('group.flagDormant', { groupId })
 */
export function useChange() {
  const session = useSessionStore()
  const sync = useSyncStore()
  return async function change<N extends MutationName>(name: N, args: MutationArgs<N>, about?: string): Promise<void> {
    await enqueueMutation(db, session.personId, name, args, about)
    void sync.syncNow()
  }
}
