import type { ChangeTx } from '../../sync/changeLog.ts'
import { PUBLIC_SCOPE, networkStaffScope } from '../../../shared/sync/scopes.ts'
import { toEvent } from './rows.ts'

/** Sends an event where it may be read: drafts to the network's staff, the rest to everyone (a draft published leaves the staff scope). */
export async function recordEventChange(ctx: ChangeTx, eventId: string): Promise<void> {
  const event = toEvent(
    await ctx.trx.selectFrom('event').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow(),
  )
  await ctx.changes.put('event', eventId, {
    [event.status === 'draft' ? networkStaffScope(event.networkId) : PUBLIC_SCOPE]: event,
  })
}
