import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { NetworkSchema } from '../../../shared/schemas/network.ts'
import { blankNetwork } from '../../../shared/blankNetwork.ts'
import { fromNetwork, toNetwork } from './rows.ts'
import { PUBLIC_SCOPE } from '../../../shared/sync/scopes.ts'
import { canManageNetwork, isSiteAdmin } from '../session/permissions.ts'

/**
 * Applies a staff edit to a network's page. Conflict rule: field by field,
 * the edit the server receives last wins; fields an edit leaves out are kept,
 * so two people editing different fields offline both keep their work.
 */
export async function updateNetwork(
  ctx: MutationContext,
  { networkId, patch }: MutationArgs<'network.update'>,
): Promise<void> {
  const row = await ctx.trx.selectFrom('network').selectAll().where('id', '=', networkId).executeTakeFirst()
  if (!row) throw new AppError('not-found', 'This network no longer exists')
  if (!(await canManageNetwork(ctx.trx, ctx.personId, networkId)))
    throw new AppError('forbidden', "Only the network's board and staff may edit its page")
  const updated = NetworkSchema.parse({ ...toNetwork(row), ...patch, updatedAt: ctx.now })
  await ctx.trx.updateTable('network').set(fromNetwork(updated)).where('id', '=', networkId).execute()
  await ctx.changes.put('network', networkId, { [PUBLIC_SCOPE]: updated })
}

/**
 * Starts a network in a faculty: its coordinators (and site admins) may, and
 * then run it as they run the faculty's others. The address (`slug`) must be
 * free; the id comes from the device, so a resend changes nothing.
 */
export async function createNetwork(ctx: MutationContext, { network }: MutationArgs<'network.create'>): Promise<void> {
  const faculty = await ctx.trx
    .selectFrom('faculty')
    .select('id')
    .where('id', '=', network.facultyId)
    .executeTakeFirst()
  if (!faculty)
    throw new AppError('validation', 'No such faculty', [
      { path: ['network', 'facultyId'], message: 'unknown faculty' },
    ])
  const coordinates = await ctx.trx
    .selectFrom('facultyRole')
    .select('role')
    .where('facultyId', '=', network.facultyId)
    .where('personId', '=', ctx.personId)
    .executeTakeFirst()
  if (!coordinates && !(await isSiteAdmin(ctx.trx, ctx.personId)))
    throw new AppError('forbidden', "Only the faculty's coordinators may start a network in it")
  const clash = await ctx.trx
    .selectFrom('network')
    .select('id')
    .where((eb) => eb.or([eb('slug', '=', network.slug), eb('id', '=', network.id)]))
    .executeTakeFirst()
  if (clash)
    throw new AppError('conflict', 'A network already has this address', [
      { path: ['network', 'slug'], message: 'taken' },
    ])
  const created = blankNetwork(network, ctx.now)
  await ctx.trx.insertInto('network').values(fromNetwork(created)).execute()
  await ctx.changes.put('network', created.id, { [PUBLIC_SCOPE]: created })
}
