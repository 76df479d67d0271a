import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { PUBLIC_SCOPE } from '../../../shared/sync/scopes.ts'
import { canManageNetwork } from '../session/permissions.ts'

async function mayManage(ctx: MutationContext, networkId: string): Promise<void> {
  if (!(await canManageNetwork(ctx.trx, ctx.personId, networkId)))
    throw new AppError('forbidden', "Only the network's board and staff may change its board")
}

/**
 * Adds or changes a board seat (who, which role, elected or appointed, the
 * term). The id comes from the device, so a seat added offline exists at once;
 * a seat cannot move to another network.
 */
export async function saveBoardSeat(ctx: MutationContext, { seat }: MutationArgs<'boardSeat.save'>): Promise<void> {
  await mayManage(ctx, seat.networkId)
  const existing = await ctx.trx
    .selectFrom('boardSeat')
    .select('networkId')
    .where('id', '=', seat.id)
    .executeTakeFirst()
  if (existing && existing.networkId !== seat.networkId)
    throw new AppError('conflict', 'This seat belongs to another network')
  if (existing) await ctx.trx.updateTable('boardSeat').set(seat).where('id', '=', seat.id).execute()
  else await ctx.trx.insertInto('boardSeat').values(seat).execute()
  await ctx.changes.put('boardSeat', seat.id, { [PUBLIC_SCOPE]: seat })
}

/** Removes a seat (entered by mistake; a finished term is kept with its end date instead). */
export async function removeBoardSeat(
  ctx: MutationContext,
  { seatId }: MutationArgs<'boardSeat.remove'>,
): Promise<void> {
  const seat = await ctx.trx.selectFrom('boardSeat').select('networkId').where('id', '=', seatId).executeTakeFirst()
  if (!seat) return
  await mayManage(ctx, seat.networkId)
  await ctx.trx.deleteFrom('boardSeat').where('id', '=', seatId).execute()
  await ctx.changes.put('boardSeat', seatId, {})
}
