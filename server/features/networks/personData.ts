import type { PersonDataRules } from '../../db/personTables.ts'

export const NETWORK_PERSON_DATA = {
  facultyRole: { exportAs: 'facultyRoles', columns: ['facultyId', 'role'] },
  institutionRole: { exportAs: 'institutionRoles', columns: ['institutionId', 'role'] },
} as const satisfies PersonDataRules
