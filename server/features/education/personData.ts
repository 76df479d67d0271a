import type { PersonDataRules } from '../../db/personTables.ts'

export const EDUCATION_PERSON_DATA = {
  education: { exportAs: 'educations', columns: 'all' },
} as const satisfies PersonDataRules
