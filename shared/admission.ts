import type { AdmissionClause, AdmissionRule } from './schemas/network.ts'
import type { Education } from './schemas/education.ts'

export interface Applicant {
  educations: Pick<Education, 'institutionId' | 'programme' | 'degree' | 'status' | 'credits'>[]
  city: string | null
  /** Whether the person holds a valid invitation to this network. */
  isInvited: boolean
}

export type AdmissionOutcome =
  { outcome: 'join' } | { outcome: 'request' } | { outcome: 'refuse'; reason: 'invite-only' | 'requirements-not-met' }

const same = (a: string, b: string) => a.trim().toLocaleLowerCase('nb') === b.trim().toLocaleLowerCase('nb')

/** Whether one clause of a rule admits the applicant, for a network at `institutionId`. */
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
 * What happens when a person asks to join, by the network's own rule (data,
 * not code): join at once, a request for staff to decide, or a refusal with
 * its reason. An invitation always admits. The device uses this to explain a
 * refusal before sending anything; the server decides with the same function.
 *
 * @example evaluateAdmission({ mode: 'open', clauses: [{ kind: 'credits', minimum: 1 }] }, applicant, 'nhh')
 */
export function evaluateAdmission(rule: AdmissionRule, applicant: Applicant, institutionId: string): AdmissionOutcome {
  if (applicant.isInvited) return { outcome: 'join' }
  if (rule.mode === 'invite') return { outcome: 'refuse', reason: 'invite-only' }
  const qualifies =
    rule.clauses.length === 0
      ? rule.mode === 'approval'
      : rule.clauses.some((c) => clauseMatches(c, applicant, institutionId))
  if (!qualifies) return { outcome: 'refuse', reason: 'requirements-not-met' }
  return rule.mode === 'open' ? { outcome: 'join' } : { outcome: 'request' }
}
