import { evaluateAdmission, joinsAutomatically } from '../../../shared/admission.ts'
import { isVerified } from '../../../shared/admission.ts'
import { AdmissionRuleSchema } from '../../../shared/schemas/network.ts'
import { membershipId } from '../../../shared/ids.ts'
import type { ChangeTx, Trx } from '../../sync/changeLog.ts'
import { recordMembershipChange } from './changes.ts'
import { queueMembershipNotice } from './notices.ts'

/** BI's practice: a membership held on the institution's legitimate interest lasts five years after graduation. */
export const LEGITIMATE_INTEREST_YEARS = 5

/**
 * The day a membership on legitimate interest lapses: five years after the
 * verified graduation (its date where the register gives it, else the end
 * of its year); null where no verified graduation is known.
 */
export function legitimateInterestEnds(
  educations: { source: string; graduatedOn: string | null; graduationYear: number | null; status: string }[],
): string | null {
  const graduated = educations
    .filter((e) => isVerified(e as { source: 'self' }) && e.status === 'graduated')
    .map((e) => e.graduatedOn ?? (e.graduationYear ? `${e.graduationYear}-12-31` : null))
    .filter((day): day is string => day !== null)
    .sort()
  const last = graduated.at(-1)
  if (!last) return null
  const year = Number(last.slice(0, 4)) + LEGITIMATE_INTEREST_YEARS
  return `${year}${last.slice(4, 10)}T23:59:59.000Z`
}

/**
 * Takes a person into every network whose rule joins automatically (NTNU's
 * groups tied to a degree), on verified education only: a claim never does.
 * Run when education is verified (an import, staff checking by hand, an
 * identity provider) and when a person registers one.
 */
/** The networks whose rule joins people automatically, with their rules read (load once for many people). */
export async function networksJoiningAutomatically(trx: Trx) {
  const networks = await trx
    .selectFrom('network')
    .innerJoin('faculty', 'faculty.id', 'network.facultyId')
    .select(['network.id', 'network.admission', 'faculty.institutionId'])
    .execute()
  return networks
    .map((n) => ({
      id: n.id,
      institutionId: n.institutionId,
      rule: AdmissionRuleSchema.parse(JSON.parse(n.admission)),
    }))
    .filter((n) => n.rule.autoJoin)
}
type AutoJoinNetworks = Awaited<ReturnType<typeof networksJoiningAutomatically>>

export async function joinAutomatically(
  tx: ChangeTx,
  personId: string,
  now: string,
  autoJoinNetworks?: AutoJoinNetworks,
): Promise<void> {
  const { trx } = tx
  const person = await trx.selectFrom('person').select(['city']).where('id', '=', personId).executeTakeFirst()
  if (!person) return
  const educations = await trx.selectFrom('education').selectAll().where('personId', '=', personId).execute()
  if (!educations.some((e) => e.source !== 'self')) return
  for (const network of autoJoinNetworks ?? (await networksJoiningAutomatically(trx))) {
    const { rule } = network
    const applicant = { educations: educations as never, city: person.city, isInvited: false }
    if (!joinsAutomatically(rule, applicant, network.institutionId)) continue
    const existing = await trx
      .selectFrom('membership')
      .select('status')
      .where('networkId', '=', network.id)
      .where('personId', '=', personId)
      .executeTakeFirst()
    if (existing) continue
    const id = membershipId(network.id, personId)
    // Nobody agreed to this membership: it rests on the institution's legitimate interest (recorded as
    // such, never as consent without a consent row) until the member gives consent on the network's page.
    await trx
      .insertInto('membership')
      .values({
        id,
        networkId: network.id,
        personId,
        status: 'active',
        role: 'member',
        since: now,
        source: 'auto',
        lawfulBasis: 'legitimateInterest',
        basisExpiresAt: legitimateInterestEnds(educations.filter((e) => e.institutionId === network.institutionId)),
      })
      .execute()
    await trx
      .insertInto('auditLog')
      .values({ at: now, actorId: personId, action: 'membership.auto', subjectId: id, networkId: network.id })
      .execute()
    await recordMembershipChange(tx, id)
  }
}

/**
 * What follows a person's education becoming verified (an import, staff
 * checking by hand, an identity provider): a request made on a claim to a
 * network whose rule now admits at once becomes a membership (the person
 * already agreed when asking; they hear by mail), other requests show staff
 * the verified education, and networks that join automatically do.
 */
export async function afterVerification(
  tx: ChangeTx,
  personId: string,
  now: string,
  autoJoinNetworks?: AutoJoinNetworks,
): Promise<void> {
  const { trx } = tx
  const pending = await trx
    .selectFrom('membership')
    .innerJoin('network', 'network.id', 'membership.networkId')
    .innerJoin('faculty', 'faculty.id', 'network.facultyId')
    .select(['membership.id', 'membership.networkId', 'network.admission', 'faculty.institutionId'])
    .where('membership.personId', '=', personId)
    .where('membership.status', '=', 'requested')
    .execute()
  if (pending.length > 0) {
    const person = await trx.selectFrom('person').select('city').where('id', '=', personId).executeTakeFirstOrThrow()
    const educations = await trx.selectFrom('education').selectAll().where('personId', '=', personId).execute()
    for (const m of pending) {
      const rule = AdmissionRuleSchema.parse(JSON.parse(m.admission))
      const applicant = { educations: educations as never, city: person.city, isInvited: false }
      if (evaluateAdmission(rule, applicant, m.institutionId).outcome === 'join') {
        await trx.updateTable('membership').set({ status: 'active', since: now }).where('id', '=', m.id).execute()
        await queueMembershipNotice(trx, 'joinApproved', m.networkId, personId, now)
        await trx
          .insertInto('auditLog')
          .values({ at: now, actorId: null, action: 'membership.verified', subjectId: m.id, networkId: m.networkId })
          .execute()
      }
      await recordMembershipChange(tx, m.id)
    }
  }
  await joinAutomatically(tx, personId, now, autoJoinNetworks)
}
