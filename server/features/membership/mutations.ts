import { randomUUID } from 'node:crypto'
import type { MutationContext } from '../../sync/push.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { evaluateAdmission } from '../../../shared/admission.ts'
import { AdmissionRuleSchema } from '../../../shared/schemas/network.ts'
import { canManageNetwork } from '../auth/permissions.ts'
import { publishMembership } from './publish.ts'

/** The consent text a member agrees to when joining; its version is stored with each consent. */
export const MEMBERSHIP_CONSENT_VERSION = 'membership-2026-11'

export const membershipId = (networkId: string, personId: string) => `m-${personId}-${networkId}`

const REFUSALS = {
  'invite-only': 'This network is by invitation only',
  'requirements-not-met': 'Your registered education does not meet this network\'s requirements for joining',
} as const

/** Records that the person agreed to membership processing now (the lawful basis of the membership). */
async function recordConsent(ctx: MutationContext, networkId: string): Promise<void> {
  await ctx.trx.insertInto('consent').values({ id: randomUUID(), personId: ctx.personId, purpose: `membership:${networkId}`, textVersion: MEMBERSHIP_CONSENT_VERSION, givenAt: ctx.now, withdrawnAt: null }).execute()
}

/**
 * Joins a network under its own rule: at once, as a request for staff to
 * decide, or refused with the reason (a rejection the person sees). A valid
 * invitation admits whatever the rule says.
 */
export async function joinNetwork(ctx: MutationContext, { networkId }: MutationArgs<'membership.join'>): Promise<void> {
  const network = await ctx.trx.selectFrom('network').innerJoin('faculty', 'faculty.id', 'network.facultyId')
    .select(['network.id', 'network.admission', 'faculty.institutionId']).where('network.id', '=', networkId).executeTakeFirst()
  if (!network) throw new AppError('not-found', 'This network no longer exists')
  const id = membershipId(networkId, ctx.personId)
  const existing = await ctx.trx.selectFrom('membership').select(['status']).where('id', '=', id).executeTakeFirst()
  if (existing?.status === 'active' || existing?.status === 'requested') return
  const person = await ctx.trx.selectFrom('person').select(['email', 'city']).where('id', '=', ctx.personId).executeTakeFirstOrThrow()
  const educations = await ctx.trx.selectFrom('education').selectAll().where('personId', '=', ctx.personId).execute()
  const invitation = await ctx.trx.selectFrom('invitation').select('id').where('networkId', '=', networkId).where('email', '=', person.email)
    .where('status', '=', 'pending').where('expiresAt', '>', ctx.now).executeTakeFirst()
  const rule = AdmissionRuleSchema.parse(JSON.parse(network.admission))
  const decision = evaluateAdmission(rule, { educations: educations as never, city: person.city, isInvited: invitation !== undefined }, network.institutionId)
  if (decision.outcome === 'refuse') throw new AppError('forbidden', REFUSALS[decision.reason])

  const status = decision.outcome === 'join' ? 'active' : 'requested'
  const source = invitation ? 'invite' : 'request'
  if (existing) {
    await ctx.trx.updateTable('membership').set({ status, role: 'member', since: ctx.now, source, lawfulBasis: 'consent', basisExpiresAt: null }).where('id', '=', id).execute()
  } else {
    await ctx.trx.insertInto('membership').values({ id, networkId, personId: ctx.personId, status, role: 'member', since: ctx.now, source, lawfulBasis: 'consent', basisExpiresAt: null }).execute()
  }
  if (invitation) await ctx.trx.updateTable('invitation').set({ status: 'accepted' }).where('id', '=', invitation.id).execute()
  await recordConsent(ctx, networkId)
  await publishMembership(ctx.trx, ctx.kind, id)
}

/** Leaves a network: the membership ends, and its member-only rows leave the person's devices at the next sync. */
export async function leaveNetwork(ctx: MutationContext, { networkId }: MutationArgs<'membership.leave'>): Promise<void> {
  const id = membershipId(networkId, ctx.personId)
  const { numUpdatedRows } = await ctx.trx.updateTable('membership').set({ status: 'ended', role: 'member' }).where('id', '=', id).where('status', '!=', 'ended').executeTakeFirst()
  if (Number(numUpdatedRows) === 0) return
  await ctx.trx.updateTable('consent').set({ withdrawnAt: ctx.now }).where('personId', '=', ctx.personId).where('purpose', '=', `membership:${networkId}`).where('withdrawnAt', 'is', null).execute()
  await publishMembership(ctx.trx, ctx.kind, id)
}

/** Staff approve or decline a request to join. */
export async function decideMembership(ctx: MutationContext, { membershipId: id, approve }: MutationArgs<'membership.decide'>): Promise<void> {
  const m = await ctx.trx.selectFrom('membership').select(['networkId', 'status']).where('id', '=', id).executeTakeFirst()
  if (!m) throw new AppError('not-found', 'This request no longer exists')
  if (!(await canManageNetwork(ctx.trx, ctx.personId, m.networkId))) throw new AppError('forbidden', 'Only the network\'s staff and board decide who joins')
  if (m.status !== 'requested') throw new AppError('conflict', 'This request has already been decided')
  await ctx.trx.updateTable('membership').set({ status: approve ? 'active' : 'ended', since: ctx.now }).where('id', '=', id).execute()
  await ctx.trx.insertInto('auditLog').values({ at: ctx.now, actorId: ctx.personId, action: approve ? 'membership.approve' : 'membership.decline', subjectId: id, networkId: m.networkId }).execute()
  await publishMembership(ctx.trx, ctx.kind, id)
}
