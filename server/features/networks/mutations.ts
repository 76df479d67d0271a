import type { MutationContext } from '../../sync/push.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { recordChange } from '../../sync/changeLog.ts'
import { NetworkSchema } from '../../../shared/schemas/network.ts'
import { fromNetwork, toNetwork } from './rows.ts'
import { PUBLIC_SCOPE } from '../../../shared/sync/scopes.ts'
import { canManageNetwork } from '../auth/permissions.ts'

/**
 * Applies a staff edit to a network's page. Conflict rule: field by field,
 * the edit the server receives last wins; fields an edit leaves out are kept,
 * so two people editing different fields offline both keep their work.
 */
export async function updateNetwork(ctx: MutationContext, { networkId, patch }: MutationArgs<'network.update'>): Promise<void> {
  const row = await ctx.trx.selectFrom('network').selectAll().where('id', '=', networkId).executeTakeFirst()
  if (!row) throw new AppError('not-found', 'This network no longer exists')
  if (!(await canManageNetwork(ctx.trx, ctx.personId, networkId))) throw new AppError('forbidden', 'Only the network\'s board and staff may edit its page')
  const updated = NetworkSchema.parse({ ...toNetwork(row), ...patch, updatedAt: ctx.now })
  await ctx.trx.updateTable('network').set(fromNetwork(updated)).where('id', '=', networkId).execute()
  await recordChange(ctx.trx, ctx.kind, 'network', networkId, { [PUBLIC_SCOPE]: updated })
}
