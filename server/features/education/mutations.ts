import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { userScope } from '../../../shared/sync/scopes.ts'
import { evaluateAdmission } from '../../../shared/admission.ts'
import { AdmissionRuleSchema } from '../../../shared/schemas/network.ts'
import { membershipId } from '../../../shared/ids.ts'
import { recordMembershipChange } from '../membership/changes.ts'

/**
 * Registers a degree or study right. Networks whose rule says `autoJoin`
 * (NTNU's groups tied to a degree) take the person in at once.
 */
export async function addEducation(ctx: MutationContext, { education }: MutationArgs<'education.add'>): Promise<void> {
  const existing = await ctx.trx
    .selectFrom('education')
    .select('personId')
    .where('id', '=', education.id)
    .executeTakeFirst()
  if (existing && existing.personId !== ctx.personId) throw new AppError('conflict', 'This id is taken')
  const institution = await ctx.trx
    .selectFrom('institution')
    .select('id')
    .where('id', '=', education.institutionId)
    .executeTakeFirst()
  if (!institution)
    throw new AppError('validation', 'Unknown institution', [
      { path: ['args', 'education', 'institutionId'], message: 'unknown institution' },
    ])
  const row = { ...education, personId: ctx.personId }
  if (existing) await ctx.trx.updateTable('education').set(row).where('id', '=', education.id).execute()
  else await ctx.trx.insertInto('education').values(row).execute()
  await ctx.changes.put('education', education.id, { [userScope(ctx.personId)]: row })
  await joinAutomatically(ctx)
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

async function joinAutomatically(ctx: MutationContext): Promise<void> {
  const person = await ctx.trx
    .selectFrom('person')
    .select(['city'])
    .where('id', '=', ctx.personId)
    .executeTakeFirstOrThrow()
  const educations = await ctx.trx.selectFrom('education').selectAll().where('personId', '=', ctx.personId).execute()
  const networks = await ctx.trx
    .selectFrom('network')
    .innerJoin('faculty', 'faculty.id', 'network.facultyId')
    .select(['network.id', 'network.admission', 'faculty.institutionId'])
    .execute()
  for (const network of networks) {
    const rule = AdmissionRuleSchema.parse(JSON.parse(network.admission))
    if (!rule.autoJoin) continue
    if (
      evaluateAdmission(
        rule,
        { educations: educations as never, city: person.city, isInvited: false },
        network.institutionId,
      ).outcome !== 'join'
    )
      continue
    const existing = await ctx.trx
      .selectFrom('membership')
      .select('status')
      .where('networkId', '=', network.id)
      .where('personId', '=', ctx.personId)
      .executeTakeFirst()
    if (existing) continue
    const id = membershipId(network.id, ctx.personId)
    // Nobody agreed to this membership: it rests on the institution's legitimate interest (recorded as
    // such, never as consent without a consent row) until the member gives consent on the network's page.
    await ctx.trx
      .insertInto('membership')
      .values({
        id,
        networkId: network.id,
        personId: ctx.personId,
        status: 'active',
        role: 'member',
        since: ctx.now,
        source: 'auto',
        lawfulBasis: 'legitimateInterest',
        basisExpiresAt: null,
      })
      .execute()
    await ctx.trx
      .insertInto('auditLog')
      .values({ at: ctx.now, actorId: ctx.personId, action: 'membership.auto', subjectId: id, networkId: network.id })
      .execute()
    await recordMembershipChange(ctx, id)
  }
}
