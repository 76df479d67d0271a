import type { MutationContext } from '../../sync/push.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { recordChange } from '../../sync/changeLog.ts'
import { userScope } from '../../../shared/sync/scopes.ts'
import { toProfile } from './rows.ts'

/** Applies a person's edit of their own profile (field by field, last received wins). */
export async function updateProfile(ctx: MutationContext, { patch }: MutationArgs<'profile.update'>): Promise<void> {
  const row = await ctx.trx.selectFrom('person').selectAll().where('id', '=', ctx.personId).executeTakeFirst()
  if (!row) throw new AppError('not-found', 'This account no longer exists')
  const updated = { ...row, ...patch, updatedAt: ctx.now }
  await ctx.trx.updateTable('person').set({ ...patch, updatedAt: ctx.now }).where('id', '=', ctx.personId).execute()
  await recordChange(ctx.trx, ctx.kind, 'profile', ctx.personId, { [userScope(ctx.personId)]: toProfile(updated) })
}
