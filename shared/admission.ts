import type { AdmissionClause, AdmissionRule } from './schemas/network.ts'
import type { Education } from './schemas/education.ts'

/** Whether an education rests on evidence rather than on the person's word. */
export const isVerified = (education: Pick<Education, 'source'>): boolean => education.source !== 'self'

export interface Applicant {
  educations: Pick<Education, 'institutionId' | 'programme' | 'degree' | 'status' | 'credits' | 'source'>[]
  /** What the person's profile says: always a claim. */
  city: string | null
  /** Whether the person holds a valid invitation to this network. */
  isInvited: boolean
}

export type AdmissionOutcome =
  | { outcome: 'join' }
  /** Staff decide: the rule asks for approval, or (`onClaims`) only self-declared education matched. */
  | { outcome: 'request'; onClaims: boolean }
  | { outcome: 'refuse'; reason: 'invite-only' | 'requirements-not-met' }

const same = (a: string, b: string) => a.trim().toLocaleLowerCase('nb') === b.trim().toLocaleLowerCase('nb')

/** Whether one clause of a rule admits the applicant, for a network at `institutionId`, on these educations. */
export function clauseMatches(clause: AdmissionClause, applicant: Applicant, institutionId: string): boolean {
  const here = applicant.educations.filter((e) => e.institutionId === institutionId)
  switch (clause.kind) {
    case 'graduates':
      return here.some(
        (e) =>
          e.status === 'graduated' &&
          clause.programmes.some((p) => same(p, e.programme)) &&
          (clause.degree === 'any' || clause.degree === e.degree),
      )
    case 'students':
      return here.some((e) => e.status === 'student' && clause.programmes.some((p) => same(p, e.programme)))
    case 'credits':
      return here.reduce((sum, e) => sum + e.credits, 0) >= clause.minimum
    case 'otherInstitutionInCity':
      return (
        applicant.city !== null &&
        same(applicant.city, clause.city) &&
        applicant.educations.some(
          (e) =>
            e.institutionId !== institutionId &&
            e.programme.toLocaleLowerCase('nb').includes(clause.field.toLocaleLowerCase('nb')),
        )
      )
  }
}

/**
 * Whether a clause admits on evidence it accepts: a verified-only clause
 * counts only verified education, and never a city, which is only ever a claim.
 */
function clauseAdmitsOnEvidence(clause: AdmissionClause, applicant: Applicant, institutionId: string): boolean {
  if (!clause.verifiedOnly) return clauseMatches(clause, applicant, institutionId)
  if (clause.kind === 'otherInstitutionInCity') return false
  return clauseMatches(clause, { ...applicant, educations: applicant.educations.filter(isVerified) }, institutionId)
}

/**
 * What happens when a person asks to join, by the network's own rule (data,
 * not code): join at once, a request for staff to decide, or a refusal with
 * its reason. An invitation always admits. What a person merely claims about
 * themselves never admits at once where the clause asks for verified
 * education: it becomes a request, showing the claim. The device uses this
 * to explain before sending anything; the server decides with the same function.
 *
 * @example evaluateAdmission({ mode: 'open', clauses: [{ kind: 'credits', minimum: 1, verifiedOnly: true }] }, applicant, 'nhh')
 */
export function evaluateAdmission(rule: AdmissionRule, applicant: Applicant, institutionId: string): AdmissionOutcome {
  if (applicant.isInvited) return { outcome: 'join' }
  if (rule.mode === 'invite') return { outcome: 'refuse', reason: 'invite-only' }
  if (rule.clauses.length === 0)
    return rule.mode === 'approval'
      ? { outcome: 'request', onClaims: false }
      : { outcome: 'refuse', reason: 'requirements-not-met' }
  if (!rule.clauses.some((c) => clauseMatches(c, applicant, institutionId)))
    return { outcome: 'refuse', reason: 'requirements-not-met' }
  const onEvidence = rule.clauses.some((c) => clauseAdmitsOnEvidence(c, applicant, institutionId))
  if (!onEvidence) return { outcome: 'request', onClaims: true }
  return rule.mode === 'open' ? { outcome: 'join' } : { outcome: 'request', onClaims: false }
}

/**
 * Whether a rule takes the person in without asking (NTNU's `autoJoin`): only
 * on verified education, whatever the clauses accept from a person who asks.
 */
export function joinsAutomatically(rule: AdmissionRule, applicant: Applicant, institutionId: string): boolean {
  if (!rule.autoJoin || rule.mode !== 'open') return false
  const verified = { ...applicant, educations: applicant.educations.filter(isVerified), isInvited: false }
  return rule.clauses.some((c) => c.kind !== 'otherInstitutionInCity' && clauseMatches(c, verified, institutionId))
}
