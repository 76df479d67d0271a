import type { PersonDataRules } from '../../db/personTables.ts'

export const EDUCATION_PERSON_DATA = {
  education: { exportAs: 'educations', columns: 'all' },
  // The institution's record of the person as a graduate, as far as it concerns them (never the id number's hash).
  graduateRecord: {
    exportAs: 'graduateRecords',
    columns: ['institutionId', 'studentNumber', 'name', 'email', 'programme', 'degree', 'graduatedOn', 'importedAt'],
  },
} as const satisfies PersonDataRules
