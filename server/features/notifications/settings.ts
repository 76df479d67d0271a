import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import type { Trx } from '../../sync/changeLog.ts'
import type { ChangeTx } from '../../sync/changeLog.ts'
import { requireRows } from '../../sync/existingRows.ts'
import { userScope } from '../../../shared/sync/scopes.ts'
import type { NotificationSettings } from '../../../shared/schemas/push.ts'

/** A person's notification choices as stored (none yet: every network on its defaults, no quiet hours). */
export async function settingsOf(trx: Pick<Trx, 'selectFrom'>, personId: string): Promise<NotificationSettings> {
  const row = await trx
    .selectFrom('notificationSettings')
    .selectAll()
    .where('personId', '=', personId)
    .executeTakeFirst()
  const [optouts, subscriptions] = await Promise.all([
    trx
      .selectFrom('newsletterOptout')
      .select('networkId')
      .where('personId', '=', personId)
      .orderBy('networkId')
      .execute(),
    trx
      .selectFrom('newsletterSubscriber')
      .select('networkId')
      .where('personId', '=', personId)
      .orderBy('networkId')
      .execute(),
  ])
  const followed = await trx
    .selectFrom('groupFollower')
    .select('groupId')
    .where('personId', '=', personId)
    .orderBy('groupId')
    .execute()
  return {
    id: personId,
    networks: row ? (JSON.parse(row.networks) as NotificationSettings['networks']) : {},
    quietHours: row?.quietHours ? (JSON.parse(row.quietHours) as NotificationSettings['quietHours']) : null,
    newsletterEmailOff: optouts.map((o) => o.networkId),
    newsletterSubscriptions: subscriptions.map((s) => s.networkId),
    followedGroups: followed.map((f) => f.groupId),
    updatedAt: row?.updatedAt ?? new Date(0).toISOString(),
  }
}

export async function recordSettingsChange(tx: ChangeTx, personId: string): Promise<void> {
  const { trx } = tx
  await tx.changes.put('notificationSettings', personId, {
    [userScope(personId)]: await settingsOf(trx, personId),
  })
}

/** Saves the person's topics per network, quiet hours and which newsletters not to mail (offline too, through the outbox); their devices get them back by sync. */
export async function updateNotificationSettings(
  ctx: MutationContext,
  { settings }: MutationArgs<'notifications.update'>,
): Promise<void> {
  await requireRows(ctx.trx, 'network', Object.keys(settings.networks), ['args', 'settings', 'networks'])
  await requireRows(ctx.trx, 'network', settings.newsletterEmailOff, ['args', 'settings', 'newsletterEmailOff'])
  const row = {
    networks: JSON.stringify(settings.networks),
    quietHours: settings.quietHours ? JSON.stringify(settings.quietHours) : null,
    updatedAt: ctx.now,
  }
  await ctx.trx
    .insertInto('notificationSettings')
    .values({ personId: ctx.personId, ...row })
    .onConflict((oc) => oc.column('personId').doUpdateSet(row))
    .execute()
  // Newsletters by e-mail, per network: the same opt-out the mail's one-click link sets.
  await ctx.trx.deleteFrom('newsletterOptout').where('personId', '=', ctx.personId).execute()
  if (settings.newsletterEmailOff.length > 0) {
    await ctx.trx
      .insertInto('newsletterOptout')
      .values(
        [...new Set(settings.newsletterEmailOff)].map((networkId) => ({
          personId: ctx.personId,
          networkId,
          createdAt: ctx.now,
        })),
      )
      .execute()
  }
  await recordSettingsChange(ctx, ctx.personId)
}
