import type { Translate } from '../../i18n/index.ts'
import type { AdmissionRule } from '../../../shared/schemas/network.ts'

/** A network's admission rule in words, in the app's language: the mode first, then each clause as a line. */
export function admissionText(t: Translate, rule: AdmissionRule): { mode: string; clauses: string[] } {
  // "A, B eller C", as Intl.ListFormat says it in all three languages, without its start-up cost (the first list
  // formatter loads its locale data: about 30 ms here, 170 ms on a cheap phone, on the network page's first paint).
  const list = (items: string[]) =>
    items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${t('admission.or')} ${items.at(-1)}`
  const clauses = rule.clauses.map((clause) => {
    switch (clause.kind) {
      case 'graduates':
        return clause.degree === 'any'
          ? t('admission.graduates', { programmes: list(clause.programmes) })
          : t('admission.graduatesDegree', {
              programmes: list(clause.programmes),
              degree: t(`admission.degree.${clause.degree}`),
            })
      case 'students':
        return t('admission.students', { programmes: list(clause.programmes) })
      case 'credits':
        return t('admission.credits', { n: clause.minimum })
      case 'otherInstitutionInCity':
        return t('admission.otherInstitutionInCity', { field: clause.field, city: clause.city })
    }
  })
  return { mode: t(`admission.${rule.mode}`), clauses }
}
