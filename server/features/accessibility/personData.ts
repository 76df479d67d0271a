import type { PersonDataRules } from '../../db/personTables.ts'

export const ACCESSIBILITY_PERSON_DATA = {
  barrierReport: { exportAs: 'barrierReports', columns: ['page', 'description', 'createdAt'] },
} as const satisfies PersonDataRules
