import type { MutationContext } from '../../sync/push.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import type { Trx } from '../../sync/changeLog.ts'
import type { DatabaseKind } from '../../db/schema.ts'
import { recordChange } from '../../sync/changeLog.ts'
import { userScope } from '../../../shared/sync/scopes.ts'
import type { NotificationSettings } from '../../../shared/schemas/push.ts'

/** A person's notification choices as stored (none yet: every network on its defaults, no quiet hours). */
export async function settingsOf(trx: Pick<Trx, 'selectFrom'>, personId: string): Promise<NotificationSettings> {
  const row = await trx.selectFrom('notificationSettings').selectAll().where('personId', '=', personId).executeTakeFirst()
  return {
    id: personId,
    networks: row ? JSON.parse(row.networks) as NotificationSettings['networks'] : {},
    quietHours: row?.quietHours ? JSON.parse(row.quietHours) as NotificationSettings['quietHours'] : null,
    updatedAt: row?.updatedAt ?? new Date(0).toISOString(),
  }
}

async function publishSettings(trx: Trx, kind: DatabaseKind, personId: string): Promise<void> {
  await recordChange(trx, kind, 'notificationSettings', personId, { [userScope(personId)]: await settingsOf(trx, personId) })
}

/** Saves the person's topics per network and quiet hours (offline too, through the outbox); their devices get them back by sync. */
export async function updateNotificationSettings(ctx: MutationContext, { settings }: MutationArgs<'notifications.update'>): Promise<void> {
  const row = { networks: JSON.stringify(settings.networks), quietHours: settings.quietHours ? JSON.stringify(settings.quietHours) : null, updatedAt: ctx.now }
  await ctx.trx.insertInto('notificationSettings').values({ personId: ctx.personId, ...row })
    .onConflict((oc) => oc.column('personId').doUpdateSet(row)).execute()
  await publishSettings(ctx.trx, ctx.kind, ctx.personId)
}
