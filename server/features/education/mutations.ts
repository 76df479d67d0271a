import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { afterVerification } from '../membership/autoJoin.ts'
import { canManageNetwork } from '../session/permissions.ts'
import { recordEducationChange } from './changes.ts'

/**
 * Registers a degree or study right the person states themselves: a claim.
 * It can make a join request for staff, never a membership on its own. A
 * row the institution verified cannot be rewritten by its owner.
 */
export async function addEducation(ctx: MutationContext, { education }: MutationArgs<'education.add'>): Promise<void> {
  const existing = await ctx.trx
    .selectFrom('education')
    .select(['personId', 'source'])
    .where('id', '=', education.id)
    .executeTakeFirst()
  if (existing && existing.personId !== ctx.personId) throw new AppError('conflict', 'This id is taken')
  if (existing && existing.source !== 'self')
    throw new AppError('conflict', 'This education was verified by the institution and cannot be changed', [
      { path: ['args', 'education', 'programme'], message: 'verified by the institution' },
    ])
  const institution = await ctx.trx
    .selectFrom('institution')
    .select('id')
    .where('id', '=', education.institutionId)
    .executeTakeFirst()
  if (!institution)
    throw new AppError('validation', 'Unknown institution', [
      { path: ['args', 'education', 'institutionId'], message: 'unknown institution' },
    ])
  const row = { ...education, personId: ctx.personId, source: 'self', verifiedAt: null, verifiedBy: null }
  if (existing) await ctx.trx.updateTable('education').set(row).where('id', '=', education.id).execute()
  else
    await ctx.trx
      .insertInto('education')
      .values({ ...row, graduatedOn: null })
      .execute()
  await recordEducationChange(ctx, education.id)
}

export async function removeEducation(
  ctx: MutationContext,
  { educationId }: MutationArgs<'education.remove'>,
): Promise<void> {
  const { numDeletedRows } = await ctx.trx
    .deleteFrom('education')
    .where('id', '=', educationId)
    .where('personId', '=', ctx.personId)
    .executeTakeFirst()
  if (Number(numDeletedRows) > 0) await ctx.changes.put('education', educationId, {})
}

/**
 * Staff confirm a claim after checking it against the institution's records:
 * those who run a network at the education's institution, for a person who
 * asked to join it (a faculty coordinator counts). Audited; a request the
 * network's rule now admits at once becomes a membership.
 */
export async function verifyEducation(
  ctx: MutationContext,
  { educationId, networkId }: MutationArgs<'education.verify'>,
): Promise<void> {
  if (!(await canManageNetwork(ctx.trx, ctx.personId, networkId)))
    throw new AppError('forbidden', "Only the network's staff verify an applicant's education")
  const education = await ctx.trx
    .selectFrom('education')
    .innerJoin('membership', (join) =>
      join
        .onRef('membership.personId', '=', 'education.personId')
        .on('membership.networkId', '=', networkId)
        .on('membership.status', 'in', ['requested', 'active']),
    )
    .innerJoin('network', 'network.id', 'membership.networkId')
    .innerJoin('faculty', 'faculty.id', 'network.facultyId')
    .select(['education.id', 'education.personId', 'education.source'])
    .where('education.id', '=', educationId)
    .whereRef('education.institutionId', '=', 'faculty.institutionId')
    .executeTakeFirst()
  if (!education) throw new AppError('not-found', 'No such education of an applicant to this network')
  if (education.source !== 'self') return
  await ctx.trx
    .updateTable('education')
    .set({ source: 'institution', verifiedAt: ctx.now, verifiedBy: ctx.personId })
    .where('id', '=', educationId)
    .execute()
  await ctx.trx
    .insertInto('auditLog')
    .values({ at: ctx.now, actorId: ctx.personId, action: 'education.verify', subjectId: educationId, networkId })
    .execute()
  await recordEducationChange(ctx, educationId)
  await afterVerification(ctx, education.personId, ctx.now)
}
