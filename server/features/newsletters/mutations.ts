import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { canManageNetwork, networkRoleOf } from '../session/permissions.ts'
import { recordNewsletterChange } from './changes.ts'
import { recordSettingsChange } from '../notifications/settings.ts'

async function editable(ctx: MutationContext, id: string) {
  const row = await ctx.trx
    .selectFrom('newsletter')
    .select(['networkId', 'status'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new AppError('not-found', 'This newsletter no longer exists')
  if (!(await canManageNetwork(ctx.trx, ctx.personId, row.networkId)))
    throw new AppError('forbidden', "Only the network's board and staff write its newsletters")
  if (row.status === 'sent') throw new AppError('conflict', 'This newsletter has been sent')
  return row
}

/** Creates or changes a draft (or a scheduled issue, which stays scheduled); the id comes from the device, so one made offline exists at once. */
export async function saveNewsletter(
  ctx: MutationContext,
  { newsletter }: MutationArgs<'newsletter.save'>,
): Promise<void> {
  if (!(await canManageNetwork(ctx.trx, ctx.personId, newsletter.networkId)))
    throw new AppError('forbidden', "Only the network's board and staff write its newsletters")
  const columns = {
    title: newsletter.title,
    blocks: JSON.stringify(newsletter.blocks),
    includeEvents: newsletter.includeEvents ? 1 : 0,
    audience: JSON.stringify(newsletter.audience),
    language: newsletter.language,
    updatedAt: ctx.now,
  }
  const existing = await ctx.trx
    .selectFrom('newsletter')
    .select('id')
    .where('id', '=', newsletter.id)
    .executeTakeFirst()
  if (existing) {
    const row = await editable(ctx, newsletter.id)
    if (row.networkId !== newsletter.networkId)
      throw new AppError('conflict', 'This newsletter belongs to another network')
    await ctx.trx.updateTable('newsletter').set(columns).where('id', '=', newsletter.id).execute()
  } else {
    await ctx.trx
      .insertInto('newsletter')
      .values({
        id: newsletter.id,
        networkId: newsletter.networkId,
        status: 'draft',
        scheduledAt: null,
        sentAt: null,
        ...columns,
      })
      .execute()
  }
  await recordNewsletterChange(ctx, newsletter.id)
}

/** Sends now (no time) or at a time; the server sends it when due, once. A time in the past means now. */
export async function scheduleNewsletter(
  ctx: MutationContext,
  { newsletterId, at }: MutationArgs<'newsletter.schedule'>,
): Promise<void> {
  await editable(ctx, newsletterId)
  await ctx.trx
    .updateTable('newsletter')
    .set({ status: 'scheduled', scheduledAt: at ?? ctx.now, updatedAt: ctx.now })
    .where('id', '=', newsletterId)
    .execute()
  await recordNewsletterChange(ctx, newsletterId)
}

/** Takes a scheduled issue back to a draft (before it has gone out). */
export async function unscheduleNewsletter(
  ctx: MutationContext,
  { newsletterId }: MutationArgs<'newsletter.unschedule'>,
): Promise<void> {
  await editable(ctx, newsletterId)
  await ctx.trx
    .updateTable('newsletter')
    .set({ status: 'draft', scheduledAt: null, updatedAt: ctx.now })
    .where('id', '=', newsletterId)
    .execute()
  await recordNewsletterChange(ctx, newsletterId)
}

/** A member opened a sent issue in the app: counted once per person, for staff's figures. */
export async function openNewsletter(
  ctx: MutationContext,
  { newsletterId }: MutationArgs<'newsletter.open'>,
): Promise<void> {
  const row = await ctx.trx
    .selectFrom('newsletter')
    .select(['networkId', 'status'])
    .where('id', '=', newsletterId)
    .executeTakeFirst()
  if (!row || row.status !== 'sent') throw new AppError('not-found', 'No such newsletter')
  if ((await networkRoleOf(ctx.trx, ctx.personId, row.networkId)) === null) return
  const inserted = await ctx.trx
    .insertInto('newsletterOpen')
    .values({ newsletterId, personId: ctx.personId, openedAt: ctx.now })
    .onConflict((oc) => oc.columns(['newsletterId', 'personId']).doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) await recordNewsletterChange(ctx, newsletterId)
}

/**
 * A student subscribes to a network's newsletter before graduating (or stops):
 * only current students of the network's institution may, members get it anyway.
 */
export async function subscribeNewsletter(
  ctx: MutationContext,
  { networkId, isOn }: MutationArgs<'newsletter.subscribe'>,
): Promise<void> {
  if (isOn) {
    const network = await ctx.trx
      .selectFrom('network')
      .innerJoin('faculty', 'faculty.id', 'network.facultyId')
      .select('faculty.institutionId')
      .where('network.id', '=', networkId)
      .executeTakeFirst()
    if (!network) throw new AppError('not-found', 'No such network')
    const studying = await ctx.trx
      .selectFrom('education')
      .select('id')
      .where('personId', '=', ctx.personId)
      .where('institutionId', '=', network.institutionId)
      .where('status', '=', 'student')
      .executeTakeFirst()
    if (!studying)
      throw new AppError(
        'forbidden',
        'Only current students of the institution can get the newsletter before they graduate; members get it anyway',
      )
    await ctx.trx
      .insertInto('newsletterSubscriber')
      .values({ personId: ctx.personId, networkId, createdAt: ctx.now })
      .onConflict((oc) => oc.columns(['personId', 'networkId']).doNothing())
      .execute()
  } else {
    await ctx.trx
      .deleteFrom('newsletterSubscriber')
      .where('personId', '=', ctx.personId)
      .where('networkId', '=', networkId)
      .execute()
  }
  await recordSettingsChange(ctx, ctx.personId)
}
