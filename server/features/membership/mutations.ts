import { randomUUID } from 'node:crypto'
import { membershipId } from '../../../shared/ids.ts'
import { queueMembershipNotice } from './notices.ts'
import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { evaluateAdmission } from '../../../shared/admission.ts'
import { AdmissionRuleSchema } from '../../../shared/schemas/network.ts'
import { canManageNetwork } from '../session/permissions.ts'
import { recordMembershipChange } from './changes.ts'

/** The consent text a member agrees to when joining; its version is stored with each consent. */
export const MEMBERSHIP_CONSENT_VERSION = 'membership-2026-11'

/** The id a new membership gets. Look existing ones up by network and person (the unique pair), never by this. */

/** The signed-in person's membership of a network, if any. */
function ownMembership(ctx: MutationContext, networkId: string) {
  return ctx.trx
    .selectFrom('membership')
    .select(['id', 'status'])
    .where('networkId', '=', networkId)
    .where('personId', '=', ctx.personId)
    .executeTakeFirst()
}

const REFUSALS = {
  'invite-only': 'This network is by invitation only',
  'requirements-not-met': "Your registered education does not meet this network's requirements for joining",
} as const

/** Records that the person agreed to membership processing now (the lawful basis of the membership). */
async function recordConsent(ctx: MutationContext, networkId: string): Promise<void> {
  await ctx.trx
    .insertInto('consent')
    .values({
      id: randomUUID(),
      personId: ctx.personId,
      purpose: `membership:${networkId}`,
      textVersion: MEMBERSHIP_CONSENT_VERSION,
      givenAt: ctx.now,
      withdrawnAt: null,
    })
    .execute()
}

/**
 * Joins a network under its own rule: at once, as a request for staff to
 * decide, or refused with the reason (a rejection the person sees). A valid
 * invitation admits whatever the rule says.
 */
export async function joinNetwork(ctx: MutationContext, { networkId }: MutationArgs<'membership.join'>): Promise<void> {
  const network = await ctx.trx
    .selectFrom('network')
    .innerJoin('faculty', 'faculty.id', 'network.facultyId')
    .select(['network.id', 'network.admission', 'faculty.institutionId'])
    .where('network.id', '=', networkId)
    .executeTakeFirst()
  if (!network) throw new AppError('not-found', 'This network no longer exists')
  const existing = await ctx.trx
    .selectFrom('membership')
    .select(['id', 'status'])
    .where('networkId', '=', networkId)
    .where('personId', '=', ctx.personId)
    .executeTakeFirst()
  const id = existing?.id ?? membershipId(networkId, ctx.personId)
  if (existing?.status === 'active' || existing?.status === 'requested') return
  const person = await ctx.trx
    .selectFrom('person')
    .select(['email', 'city'])
    .where('id', '=', ctx.personId)
    .executeTakeFirstOrThrow()
  const educations = await ctx.trx.selectFrom('education').selectAll().where('personId', '=', ctx.personId).execute()
  const invitation = await ctx.trx
    .selectFrom('invitation')
    .select('id')
    .where('networkId', '=', networkId)
    .where('email', '=', person.email)
    .where('status', '=', 'pending')
    .where('expiresAt', '>', ctx.now)
    .executeTakeFirst()
  const rule = AdmissionRuleSchema.parse(JSON.parse(network.admission))
  const decision = evaluateAdmission(
    rule,
    { educations: educations as never, city: person.city, isInvited: invitation !== undefined },
    network.institutionId,
  )
  if (decision.outcome === 'refuse') throw new AppError('forbidden', REFUSALS[decision.reason])

  const status = decision.outcome === 'join' ? 'active' : 'requested'
  const source = invitation ? 'invite' : 'request'
  if (existing) {
    await ctx.trx
      .updateTable('membership')
      .set({ status, role: 'member', since: ctx.now, source, lawfulBasis: 'consent', basisExpiresAt: null })
      .where('id', '=', id)
      .execute()
  } else {
    await ctx.trx
      .insertInto('membership')
      .values({
        id,
        networkId,
        personId: ctx.personId,
        status,
        role: 'member',
        since: ctx.now,
        source,
        lawfulBasis: 'consent',
        basisExpiresAt: null,
      })
      .execute()
  }
  if (invitation)
    await ctx.trx.updateTable('invitation').set({ status: 'accepted' }).where('id', '=', invitation.id).execute()
  await recordConsent(ctx, networkId)
  await recordMembershipChange(ctx, id)
}

/** Leaves a network: the membership ends, and its member-only rows leave the person's devices at the next sync. */
export async function leaveNetwork(
  ctx: MutationContext,
  { networkId }: MutationArgs<'membership.leave'>,
): Promise<void> {
  const membership = await ownMembership(ctx, networkId)
  if (!membership || membership.status === 'ended') return
  const id = membership.id
  await ctx.trx.updateTable('membership').set({ status: 'ended', role: 'member' }).where('id', '=', id).execute()
  await ctx.trx
    .updateTable('consent')
    .set({ withdrawnAt: ctx.now })
    .where('personId', '=', ctx.personId)
    .where('purpose', '=', `membership:${networkId}`)
    .where('withdrawnAt', 'is', null)
    .execute()
  await recordMembershipChange(ctx, id)
}

/** Staff approve or decline a request to join. */
export async function decideMembership(
  ctx: MutationContext,
  { membershipId: id, approve }: MutationArgs<'membership.decide'>,
): Promise<void> {
  const m = await ctx.trx
    .selectFrom('membership')
    .select(['networkId', 'personId', 'status'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!m) throw new AppError('not-found', 'This request no longer exists')
  if (!(await canManageNetwork(ctx.trx, ctx.personId, m.networkId)))
    throw new AppError('forbidden', "Only the network's staff and board decide who joins")
  if (m.status !== 'requested') throw new AppError('conflict', 'This request has already been decided')
  await ctx.trx
    .updateTable('membership')
    .set({ status: approve ? 'active' : 'ended', since: ctx.now })
    .where('id', '=', id)
    .execute()
  // The person hears by mail too: they may not open the app for weeks.
  await queueMembershipNotice(ctx.trx, approve ? 'joinApproved' : 'joinDeclined', m.networkId, m.personId, ctx.now)
  await ctx.trx
    .insertInto('auditLog')
    .values({
      at: ctx.now,
      actorId: ctx.personId,
      action: approve ? 'membership.approve' : 'membership.decline',
      subjectId: id,
      networkId: m.networkId,
    })
    .execute()
  await recordMembershipChange(ctx, id)
}

/**
 * The active membership staff act on, after checking that the actor may: the
 * network's staff (admin) and the faculty's coordinators; the board alone may not.
 */
async function membershipStaffMayChange(ctx: MutationContext, networkId: string, personId: string, what: string) {
  // Who may act is settled before the lookup: otherwise "not found" would tell anyone who is a member.
  const actorRole = await ctx.trx
    .selectFrom('membership')
    .select('role')
    .where('networkId', '=', networkId)
    .where('personId', '=', ctx.personId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  const isOverseer = (await canManageNetwork(ctx.trx, ctx.personId, networkId)) && actorRole?.role !== 'board'
  if (!isOverseer) throw new AppError('forbidden', `Only the network's staff or the faculty coordinator ${what}`)
  const m = await ctx.trx
    .selectFrom('membership')
    .select(['id', 'networkId', 'status', 'role'])
    .where('networkId', '=', networkId)
    .where('personId', '=', personId)
    .executeTakeFirst()
  if (!m || m.status !== 'active') throw new AppError('not-found', 'No such active member')
  return m
}

/** Refuses to take away the last administrator's role: a network must always have someone running it. */
async function keepAnAdministrator(ctx: MutationContext, m: { networkId: string; role: string }): Promise<void> {
  if (m.role !== 'admin') return
  const admins = await ctx.trx
    .selectFrom('membership')
    .select('id')
    .where('networkId', '=', m.networkId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .execute()
  if (admins.length <= 1)
    throw new AppError('conflict', 'Appoint another administrator first: a network must always have someone running it')
}

/**
 * Hands a role over: a board term ends, a new study consultant takes over.
 * The network's data belongs to the network, not to whoever runs it, so
 * nothing is lost. A network is never left without anyone running it.
 */
export async function setMemberRole(
  ctx: MutationContext,
  { networkId, personId, role }: MutationArgs<'membership.setRole'>,
): Promise<void> {
  const m = await membershipStaffMayChange(ctx, networkId, personId, 'hand roles over')
  if (role !== 'admin') await keepAnAdministrator(ctx, m)
  await ctx.trx.updateTable('membership').set({ role }).where('id', '=', m.id).execute()
  await ctx.trx
    .insertInto('auditLog')
    .values({
      at: ctx.now,
      actorId: ctx.personId,
      action: 'membership.role',
      subjectId: m.id,
      networkId,
      details: JSON.stringify({ from: m.role, to: role }),
    })
    .execute()
  await recordMembershipChange(ctx, m.id)
}

/**
 * Staff end someone's membership (no longer eligible, asked by mail to be
 * taken off). The network's member rows leave that person's devices at
 * their next sync, and the person leaves the other members' directories.
 */
export async function removeMember(
  ctx: MutationContext,
  { networkId, personId }: MutationArgs<'membership.remove'>,
): Promise<void> {
  const m = await membershipStaffMayChange(ctx, networkId, personId, 'remove members')
  await keepAnAdministrator(ctx, m)
  await ctx.trx.updateTable('membership').set({ status: 'ended', role: 'member' }).where('id', '=', m.id).execute()
  await ctx.trx
    .insertInto('auditLog')
    .values({ at: ctx.now, actorId: ctx.personId, action: 'membership.remove', subjectId: m.id, networkId })
    .execute()
  await recordMembershipChange(ctx, m.id)
}

/** The member gives (or renews) consent, so a membership held on legitimate interest no longer lapses. */
export async function giveConsent(
  ctx: MutationContext,
  { networkId }: MutationArgs<'membership.consent'>,
): Promise<void> {
  const membership = await ownMembership(ctx, networkId)
  if (membership?.status !== 'active') throw new AppError('not-found', 'You are not a member of this network')
  const id = membership.id
  await ctx.trx
    .updateTable('membership')
    .set({ lawfulBasis: 'consent', basisExpiresAt: null })
    .where('id', '=', id)
    .execute()
  await recordConsent(ctx, networkId)
  await recordMembershipChange(ctx, id)
}
