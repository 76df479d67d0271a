import { describe, expect, it } from 'vitest'
import { evaluateAdmission, type Applicant } from './admission.ts'
import type { AdmissionRule } from './schemas/network.ts'

const XIMK: AdmissionRule = {
  mode: 'open',
  clauses: [
    { kind: 'graduates', programmes: ['Medievitenskap'], degree: 'any' },
    { kind: 'students', programmes: ['Medievitenskap'] },
    { kind: 'otherInstitutionInCity', field: 'medie', city: 'Oslo' },
  ],
}
const applicant = (over: Partial<Applicant> = {}): Applicant => ({
  educations: [],
  city: null,
  isInvited: false,
  ...over,
})
const edu = (
  institutionId: string,
  programme: string,
  status: 'student' | 'graduated' = 'graduated',
  degree: 'bachelor' | 'master' = 'master',
  credits = 120,
) => ({ institutionId, programme, status, degree, credits })

describe('admission rules (as the networks of the context document run them)', () => {
  it('lets an IMK graduate join X-IMK at once', () => {
    expect(evaluateAdmission(XIMK, applicant({ educations: [edu('uio', 'medievitenskap')] }), 'uio')).toEqual({
      outcome: 'join',
    })
  })

  it('lets a current media student join X-IMK', () => {
    expect(
      evaluateAdmission(XIMK, applicant({ educations: [edu('uio', 'Medievitenskap', 'student')] }), 'uio').outcome,
    ).toBe('join')
  })

  it('lets a media graduate of another institution join only if living in Oslo', () => {
    const elsewhere = edu('oslomet', 'Medier og kommunikasjon')
    expect(evaluateAdmission(XIMK, applicant({ educations: [elsewhere], city: 'Oslo' }), 'uio').outcome).toBe('join')
    expect(evaluateAdmission(XIMK, applicant({ educations: [elsewhere], city: 'Bergen' }), 'uio')).toEqual({
      outcome: 'refuse',
      reason: 'requirements-not-met',
    })
  })

  it('refuses IAKH without an invitation, and admits with one', () => {
    const IAKH: AdmissionRule = {
      mode: 'invite',
      clauses: [{ kind: 'graduates', programmes: ['Historie'], degree: 'master' }],
    }
    const historian = applicant({ educations: [edu('uio', 'Historie')] })
    expect(evaluateAdmission(IAKH, historian, 'uio')).toEqual({ outcome: 'refuse', reason: 'invite-only' })
    expect(evaluateAdmission(IAKH, { ...historian, isInvited: true }, 'uio').outcome).toBe('join')
  })

  it('admits to NHH with one credit, counted at NHH only', () => {
    const NHH: AdmissionRule = { mode: 'open', clauses: [{ kind: 'credits', minimum: 1 }] }
    expect(
      evaluateAdmission(NHH, applicant({ educations: [edu('nhh', 'Exchange', 'graduated', 'bachelor', 1)] }), 'nhh')
        .outcome,
    ).toBe('join')
    expect(
      evaluateAdmission(NHH, applicant({ educations: [edu('uio', 'Økonomi', 'graduated', 'bachelor', 180)] }), 'nhh')
        .outcome,
    ).toBe('refuse')
  })

  it('turns a qualifying applicant into a request where staff approve', () => {
    const rule: AdmissionRule = {
      mode: 'approval',
      clauses: [{ kind: 'graduates', programmes: ['Samfunnsøkonomi'], degree: 'any' }],
    }
    expect(evaluateAdmission(rule, applicant({ educations: [edu('uio', 'Samfunnsøkonomi')] }), 'uio')).toEqual({
      outcome: 'request',
    })
  })

  it('checks the degree when the rule names one', () => {
    const masters: AdmissionRule = {
      mode: 'open',
      clauses: [{ kind: 'graduates', programmes: ['Historie'], degree: 'master' }],
    }
    expect(
      evaluateAdmission(masters, applicant({ educations: [edu('uio', 'Historie', 'graduated', 'bachelor')] }), 'uio')
        .outcome,
    ).toBe('refuse')
  })
})
