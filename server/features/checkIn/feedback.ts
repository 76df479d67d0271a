import { randomUUID } from 'node:crypto'
import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { registrationId } from '../../../shared/ids.ts'
import { recordRegistrationChange } from '../events/registrations.ts'

/**
 * A rating and comment from someone who came (was admitted at the door).
 * Giving it again replaces the earlier one. Organisers read the ratings and
 * comments without names.
 */
export async function giveFeedback(
  ctx: MutationContext,
  { eventId, rating, comment }: MutationArgs<'feedback.give'>,
): Promise<void> {
  const id = registrationId(eventId, ctx.personId)
  const came = await ctx.trx
    .selectFrom('checkIn')
    .select('id')
    .where('registrationId', '=', id)
    .where('verdict', '=', 'admitted')
    .executeTakeFirst()
  if (!came) throw new AppError('forbidden', 'Only those who came can rate the event')
  const existing = await ctx.trx
    .selectFrom('feedback')
    .select('id')
    .where('eventId', '=', eventId)
    .where('personId', '=', ctx.personId)
    .executeTakeFirst()
  if (existing)
    await ctx.trx
      .updateTable('feedback')
      .set({ rating, comment, createdAt: ctx.now })
      .where('id', '=', existing.id)
      .execute()
  else
    await ctx.trx
      .insertInto('feedback')
      .values({ id: randomUUID(), eventId, personId: ctx.personId, rating, comment, createdAt: ctx.now })
      .execute()
  await recordRegistrationChange(ctx, id)
}
