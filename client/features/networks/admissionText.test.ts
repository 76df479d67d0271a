import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import nb from '../../i18n/nb.json'
import nn from '../../i18n/nn.json'
import en from '../../i18n/en.json'
import { admissionText } from './admissionText.ts'

const { t } = createI18n({ legacy: false, locale: 'nb', messages: { nb } }).global

describe('admission rule in words', () => {
  it("describes X-IMK's open rule clause by clause", () => {
    const text = admissionText(t, {
      mode: 'open',
      clauses: [
        {
          verifiedOnly: true,
          kind: 'graduates',
          programmes: ['Medievitenskap', 'Medier og kommunikasjon'],
          degree: 'any',
        },
        { verifiedOnly: true, kind: 'otherInstitutionInCity', field: 'medier', city: 'Oslo' },
      ],
    })
    expect(text.mode).toMatch(/^Åpent/)
    expect(text.clauses[0]).toBe('Uteksaminerte fra Medievitenskap eller Medier og kommunikasjon')
    expect(text.clauses[1]).toContain('bor i Oslo')
  })

  it('says who an invite-only network with a degree requirement is for (IAKH)', () => {
    const text = admissionText(t, {
      mode: 'invite',
      clauses: [{ verifiedOnly: true, kind: 'graduates', programmes: ['Historie'], degree: 'master' }],
    })
    expect(text.mode).toBe('Bare for inviterte.')
    expect(text.clauses).toEqual(['Uteksaminerte masterkandidater fra Historie'])
  })

  it('states a credits threshold (NHH: one credit)', () => {
    expect(
      admissionText(t, { mode: 'open', clauses: [{ verifiedOnly: true, kind: 'credits', minimum: 1 }] }).clauses,
    ).toEqual(['Alle med minst 1 studiepoeng herfra'])
  })

  it.each([
    ['nb', nb, 'nb-NO'],
    ['nn', nn, 'nn-NO'],
    ['en', en, 'en-GB'],
  ] as const)('joins programmes as Intl.ListFormat would in %s', (locale, messages, tag) => {
    const translate = createI18n({ legacy: false, locale, messages: { [locale]: messages } }).global.t
    const programmes = ['Historie', 'Arkeologi', 'Kunsthistorie']
    for (const items of [programmes.slice(0, 1), programmes.slice(0, 2), programmes]) {
      const [clause] = admissionText(translate, {
        mode: 'open',
        clauses: [{ verifiedOnly: true, kind: 'students', programmes: items }],
      }).clauses
      expect(clause).toContain(new Intl.ListFormat(tag, { type: 'disjunction' }).format(items))
    }
  })
})
