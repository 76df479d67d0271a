import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { canManageNetwork } from '../session/permissions.ts'
import { fromEvent } from './rows.ts'
import { recordEventChange } from './changes.ts'
import { promoteFromWaitlist, recordRegistrationChange } from './registrations.ts'
import { queueNotices } from './notices.ts'
import { queueEventPushes } from '../notifications/eventPushes.ts'

async function mayManage(ctx: MutationContext, networkId: string): Promise<void> {
  if (!(await canManageNetwork(ctx.trx, ctx.personId, networkId)))
    throw new AppError('forbidden', "Only the network's board and staff may change its events")
}

/**
 * Creates or changes an event (the id comes from the device, so a draft made
 * offline exists at once). A published event cannot go back to draft, a
 * cancelled one is not edited, and more places go to the waitlist at once.
 */
export async function saveEvent(ctx: MutationContext, { event }: MutationArgs<'event.save'>): Promise<void> {
  await mayManage(ctx, event.networkId)
  const query = ctx.trx.selectFrom('event').selectAll().where('id', '=', event.id)
  const existing = await ctx.forUpdate(query).executeTakeFirst()
  if (existing) {
    if (existing.networkId !== event.networkId) throw new AppError('conflict', 'This event belongs to another network')
    if (existing.status === 'cancelled') throw new AppError('conflict', 'This event has been cancelled')
    if (existing.status === 'published' && event.status === 'draft')
      throw new AppError('conflict', 'A published event cannot become a draft again; cancel it instead')
    const { registeredCount, waitlistCount } = existing
    await ctx.trx
      .updateTable('event')
      .set(fromEvent({ ...event, registeredCount, waitlistCount }))
      .where('id', '=', event.id)
      .execute()
    await promoteFromWaitlist(ctx, event.id)
    // New times: every ticket is signed again with the new window.
    if (existing.startsAt !== event.startsAt || existing.endsAt !== event.endsAt) {
      const holders = await ctx.trx
        .selectFrom('registration')
        .select('id')
        .where('eventId', '=', event.id)
        .where('status', '=', 'registered')
        .execute()
      for (const { id } of holders) await recordRegistrationChange(ctx, id)
    }
    // Those who registered or wait hear by mail when the time or the place of a published event changes.
    if (existing.status === 'published' && (existing.startsAt !== event.startsAt || existing.place !== event.place)) {
      await queueNotices(ctx.trx, 'eventChanged', event.id, await registeredOrWaiting(ctx, event.id), ctx.now)
    }
  } else {
    await ctx.trx
      .insertInto('event')
      .values(fromEvent({ ...event, registeredCount: 0, waitlistCount: 0 }))
      .execute()
  }
  await recordEventChange(ctx, event.id)
  // Newly published: the network's members who chose meetups (or all events) hear of it on their phones.
  if (event.status === 'published' && existing?.status !== 'published')
    await queueEventPushes(ctx.trx, 'new', event.id, null, ctx.now)
}

/** Cancels an event: it stays listed, marked cancelled, registration closes, and everyone registered or waiting is told. */
export async function cancelEvent(ctx: MutationContext, { eventId }: MutationArgs<'event.cancel'>): Promise<void> {
  const existing = await ctx.trx
    .selectFrom('event')
    .select(['networkId', 'status'])
    .where('id', '=', eventId)
    .executeTakeFirst()
  if (!existing) throw new AppError('not-found', 'This event no longer exists')
  await mayManage(ctx, existing.networkId)
  if (existing.status === 'cancelled') return
  await ctx.trx.updateTable('event').set({ status: 'cancelled' }).where('id', '=', eventId).execute()
  await recordEventChange(ctx, eventId)
  // Tickets of a cancelled event are refused at the door; those who had one, or waited, hear by mail.
  if (existing.status === 'published')
    await queueNotices(ctx.trx, 'eventCancelled', eventId, await registeredOrWaiting(ctx, eventId), ctx.now)
}

async function registeredOrWaiting(ctx: MutationContext, eventId: string): Promise<string[]> {
  const rows = await ctx.trx
    .selectFrom('registration')
    .select('personId')
    .where('eventId', '=', eventId)
    .where('status', 'in', ['registered', 'waitlisted'])
    .execute()
  return rows.map((r) => r.personId)
}
