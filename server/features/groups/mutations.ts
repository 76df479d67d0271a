import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { PUBLIC_SCOPE } from '../../../shared/sync/scopes.ts'
import { DORMANT_AFTER_FLAGS } from '../../../shared/schemas/network.ts'
import { canManageNetwork, networkRoleOf } from '../session/permissions.ts'
import { toGroup } from '../networks/rows.ts'
import { recordSettingsChange } from '../notifications/settings.ts'

async function recordGroupChange(ctx: MutationContext, groupId: string): Promise<void> {
  const row = await ctx.trx.selectFrom('networkGroup').selectAll().where('id', '=', groupId).executeTakeFirstOrThrow()
  await ctx.changes.put('group', groupId, { [PUBLIC_SCOPE]: toGroup(row) })
}

function findGroup(ctx: MutationContext, groupId: string) {
  return ctx.trx.selectFrom('networkGroup').selectAll().where('id', '=', groupId).executeTakeFirst()
}

/**
 * Starts a group. Staff start the network's own groups; any member may start
 * one of their own (OsloMet's guide), shown as started by alumni. The id
 * comes from the device, so the group exists offline at once.
 */
export async function createGroup(ctx: MutationContext, { group }: MutationArgs<'group.create'>): Promise<void> {
  if (await findGroup(ctx, group.id)) throw new AppError('conflict', 'A group with this id exists already')
  const isStaff = await canManageNetwork(ctx.trx, ctx.personId, group.networkId)
  if (!isStaff && (await networkRoleOf(ctx.trx, ctx.personId, group.networkId)) === null) {
    throw new AppError('forbidden', 'Only members of the network may start a group in it')
  }
  await ctx.trx
    .insertInto('networkGroup')
    .values({
      ...group,
      startedBy: isStaff ? 'network' : 'alumni',
      createdById: ctx.personId,
      status: 'active',
      dormantFlags: 0,
      createdAt: ctx.now,
    })
    .execute()
  await recordGroupChange(ctx, group.id)
}

/** A member says nobody runs the group any more; from the third member on it is marked dormant. */
export async function flagGroupDormant(
  ctx: MutationContext,
  { groupId }: MutationArgs<'group.flagDormant'>,
): Promise<void> {
  const group = await findGroup(ctx, groupId)
  if (!group) throw new AppError('not-found', 'This group no longer exists')
  if ((await networkRoleOf(ctx.trx, ctx.personId, group.networkId)) === null)
    throw new AppError('forbidden', 'Only members of the network may flag its groups')
  const already = await ctx.trx
    .selectFrom('groupFlag')
    .select('personId')
    .where('groupId', '=', groupId)
    .where('personId', '=', ctx.personId)
    .executeTakeFirst()
  if (already) return
  await ctx.trx.insertInto('groupFlag').values({ groupId, personId: ctx.personId, flaggedAt: ctx.now }).execute()
  const flags = group.dormantFlags + 1
  await ctx.trx
    .updateTable('networkGroup')
    .set({ dormantFlags: flags, status: flags >= DORMANT_AFTER_FLAGS ? 'dormant' : group.status })
    .where('id', '=', groupId)
    .execute()
  await recordGroupChange(ctx, groupId)
}

/** Staff, or whoever started the group, mark it dormant or revive it (which clears the flags). */
export async function setGroupStatus(
  ctx: MutationContext,
  { groupId, status }: MutationArgs<'group.setStatus'>,
): Promise<void> {
  const group = await findGroup(ctx, groupId)
  if (!group) throw new AppError('not-found', 'This group no longer exists')
  const mayChange =
    group.createdById === ctx.personId || (await canManageNetwork(ctx.trx, ctx.personId, group.networkId))
  if (!mayChange)
    throw new AppError('forbidden', "Only the network's staff or whoever started the group may change this")
  if (status === 'active') await ctx.trx.deleteFrom('groupFlag').where('groupId', '=', groupId).execute()
  await ctx.trx
    .updateTable('networkGroup')
    .set({ status, dormantFlags: status === 'active' ? 0 : group.dormantFlags })
    .where('id', '=', groupId)
    .execute()
  await recordGroupChange(ctx, groupId)
}

/** A member follows a sub-group (or stops): the group's newsletters reach them. Members of the group's network only. */
export async function followGroup(
  ctx: MutationContext,
  { groupId, isOn }: MutationArgs<'group.follow'>,
): Promise<void> {
  const group = await ctx.trx
    .selectFrom('networkGroup')
    .select('networkId')
    .where('id', '=', groupId)
    .executeTakeFirst()
  if (!group) throw new AppError('not-found', 'No such group')
  if (isOn) {
    if ((await networkRoleOf(ctx.trx, ctx.personId, group.networkId)) === null)
      throw new AppError('forbidden', 'Only members of the network follow its groups')
    await ctx.trx
      .insertInto('groupFollower')
      .values({ groupId, personId: ctx.personId, createdAt: ctx.now })
      .onConflict((oc) => oc.columns(['groupId', 'personId']).doNothing())
      .execute()
  } else {
    await ctx.trx
      .deleteFrom('groupFollower')
      .where('groupId', '=', groupId)
      .where('personId', '=', ctx.personId)
      .execute()
  }
  await recordSettingsChange(ctx, ctx.personId)
}
