import { localeTag } from '../../../shared/osloTime.ts'
import type { Translate } from '../../i18n/index.ts'
import type { AdmissionRule } from '../../../shared/schemas/network.ts'

/** A network's admission rule in words, in the app's language: the mode first, then each clause as a line. */
export function admissionText(t: Translate, locale: string, rule: AdmissionRule): { mode: string; clauses: string[] } {
  const list = (items: string[]) => new Intl.ListFormat(localeTag(locale), { type: 'disjunction' }).format(items)
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
