import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { userScope } from '../../../shared/sync/scopes.ts'
import { profileColumns, toProfile } from './rows.ts'
import { recordPersonChanges } from '../directory/entries.ts'

/** Saves the profile and sends it on: the full profile to the person's devices, filtered entries to their networks. */
async function saveProfile(ctx: MutationContext, columns: ReturnType<typeof profileColumns>): Promise<void> {
  const { numUpdatedRows } = await ctx.trx
    .updateTable('person')
    .set({ ...columns, updatedAt: ctx.now })
    .where('id', '=', ctx.personId)
    .executeTakeFirst()
  if (Number(numUpdatedRows) === 0) throw new AppError('not-found', 'This account no longer exists')
  const row = await ctx.trx.selectFrom('person').selectAll().where('id', '=', ctx.personId).executeTakeFirstOrThrow()
  await ctx.changes.put('profile', ctx.personId, { [userScope(ctx.personId)]: toProfile(row) })
  await recordPersonChanges(ctx, ctx.personId)
}

/** Applies a person's edit of their own profile (field by field, last received wins). */
export function updateProfile(ctx: MutationContext, { patch }: MutationArgs<'profile.update'>): Promise<void> {
  return saveProfile(ctx, profileColumns(patch))
}

/** Changes who may see which field. Replaces the whole choice: a field left out becomes hidden. */
export function setVisibility(
  ctx: MutationContext,
  { visibility }: MutationArgs<'profile.setVisibility'>,
): Promise<void> {
  return saveProfile(ctx, profileColumns({ visibility }))
}

/** Sets or removes the profile photo; a new version makes every device fetch the new image. */
/** Keeps the person's language, so mails, pushes and calendar files are written in it. */
export async function setLocale(ctx: MutationContext, { locale }: MutationArgs<'profile.setLocale'>): Promise<void> {
  await ctx.trx.updateTable('person').set({ locale }).where('id', '=', ctx.personId).execute()
}

export async function setPhoto(ctx: MutationContext, { jpegBase64 }: MutationArgs<'profile.setPhoto'>): Promise<void> {
  const row = await ctx.trx.selectFrom('person').select('photo').where('id', '=', ctx.personId).executeTakeFirst()
  if (!row) throw new AppError('not-found', 'This account no longer exists')
  await saveProfile(ctx, { photoJpeg: jpegBase64, photo: jpegBase64 ? (row.photo ?? 0) + 1 : null })
}
