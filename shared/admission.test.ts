import { describe, expect, it } from 'vitest'
import { evaluateAdmission, joinsAutomatically, type Applicant } from './admission.ts'
import { AdmissionRuleSchema } from './schemas/network.ts'
import type { EducationSource } from './schemas/education.ts'

/** A rule as staff save it: clauses verified-only unless they say otherwise. */
const rule = (input: unknown) => AdmissionRuleSchema.parse(input)
const XIMK = rule({
  mode: 'open',
  clauses: [
    { kind: 'graduates', programmes: ['Medievitenskap'], degree: 'any' },
    { kind: 'students', programmes: ['Medievitenskap'] },
    { kind: 'otherInstitutionInCity', field: 'medie', city: 'Oslo' },
  ],
})
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
  source: EducationSource = 'institution',
) => ({ institutionId, programme, status, degree, credits, source })
const claimed = (institutionId: string, programme: string, status: 'student' | 'graduated' = 'graduated') =>
  edu(institutionId, programme, status, 'master', 120, 'self')

describe('admission rules (as the networks of the context document run them)', () => {
  it('lets a verified IMK graduate join X-IMK at once', () => {
    expect(evaluateAdmission(XIMK, applicant({ educations: [edu('uio', 'medievitenskap')] }), 'uio')).toEqual({
      outcome: 'join',
    })
  })

  it('lets a media student Feide vouches for join X-IMK', () => {
    const student = edu('uio', 'Medievitenskap', 'student', 'master', 0, 'idp')
    expect(evaluateAdmission(XIMK, applicant({ educations: [student] }), 'uio').outcome).toBe('join')
  })

  it('turns a degree the person only claims into a request for staff, never a join', () => {
    expect(evaluateAdmission(XIMK, applicant({ educations: [claimed('uio', 'Medievitenskap')] }), 'uio')).toEqual({
      outcome: 'request',
      onClaims: true,
    })
  })

  it('refuses a claim that matches no clause, as it refuses anyone', () => {
    expect(evaluateAdmission(XIMK, applicant({ educations: [claimed('uio', 'Fysikk')] }), 'uio')).toEqual({
      outcome: 'refuse',
      reason: 'requirements-not-met',
    })
  })

  it('takes people at their word only where the clause says so', () => {
    const club = rule({ mode: 'open', clauses: [{ kind: 'graduates', programmes: ['Historie'], verifiedOnly: false }] })
    expect(evaluateAdmission(club, applicant({ educations: [claimed('uio', 'Historie')] }), 'uio').outcome).toBe('join')
  })

  it('asks staff about a media graduate of another institution living in Oslo: a city is only ever a claim', () => {
    const elsewhere = edu('oslomet', 'Medier og kommunikasjon')
    expect(evaluateAdmission(XIMK, applicant({ educations: [elsewhere], city: 'Oslo' }), 'uio')).toEqual({
      outcome: 'request',
      onClaims: true,
    })
    expect(evaluateAdmission(XIMK, applicant({ educations: [elsewhere], city: 'Bergen' }), 'uio')).toEqual({
      outcome: 'refuse',
      reason: 'requirements-not-met',
    })
  })

  it('refuses IAKH without an invitation, and admits with one', () => {
    const IAKH = rule({ mode: 'invite', clauses: [{ kind: 'graduates', programmes: ['Historie'], degree: 'master' }] })
    const historian = applicant({ educations: [edu('uio', 'Historie')] })
    expect(evaluateAdmission(IAKH, historian, 'uio')).toEqual({ outcome: 'refuse', reason: 'invite-only' })
    expect(evaluateAdmission(IAKH, { ...historian, isInvited: true }, 'uio').outcome).toBe('join')
  })

  it('admits to NHH with one verified credit, counted at NHH only', () => {
    const NHH = rule({ mode: 'open', clauses: [{ kind: 'credits', minimum: 1 }] })
    const credit = (institutionId: string, credits: number, source: EducationSource = 'institution') =>
      applicant({ educations: [edu(institutionId, 'Exchange', 'graduated', 'bachelor', credits, source)] })
    expect(evaluateAdmission(NHH, credit('nhh', 1), 'nhh').outcome).toBe('join')
    expect(evaluateAdmission(NHH, credit('nhh', 7.5, 'self'), 'nhh').outcome).toBe('request')
    expect(evaluateAdmission(NHH, credit('uio', 180), 'nhh').outcome).toBe('refuse')
  })

  it('turns a qualifying applicant into a request where staff approve', () => {
    const approval = rule({ mode: 'approval', clauses: [{ kind: 'graduates', programmes: ['Samfunnsøkonomi'] }] })
    expect(evaluateAdmission(approval, applicant({ educations: [edu('uio', 'Samfunnsøkonomi')] }), 'uio')).toEqual({
      outcome: 'request',
      onClaims: false,
    })
  })

  it('checks the degree when the rule names one', () => {
    const masters = rule({ mode: 'open', clauses: [{ kind: 'graduates', programmes: ['Historie'], degree: 'master' }] })
    const bachelor = applicant({ educations: [edu('uio', 'Historie', 'graduated', 'bachelor')] })
    expect(evaluateAdmission(masters, bachelor, 'uio').outcome).toBe('refuse')
  })

  it('joins NTNU automatically on verified education only, even where its clause would take a claim', () => {
    const NTNU = rule({
      mode: 'open',
      autoJoin: true,
      clauses: [{ kind: 'graduates', programmes: ['Informatikk'], verifiedOnly: false }],
    })
    expect(joinsAutomatically(NTNU, applicant({ educations: [edu('ntnu', 'Informatikk')] }), 'ntnu')).toBe(true)
    expect(joinsAutomatically(NTNU, applicant({ educations: [claimed('ntnu', 'Informatikk')] }), 'ntnu')).toBe(false)
    expect(
      joinsAutomatically({ ...NTNU, autoJoin: false }, applicant({ educations: [edu('ntnu', 'Informatikk')] }), 'ntnu'),
    ).toBe(false)
  })
})
