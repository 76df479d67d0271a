import type { PersonDataRules } from '../../db/personTables.ts'

export const CHECK_IN_PERSON_DATA = {
  feedback: { exportAs: 'feedback', columns: ['eventId', 'rating', 'comment', 'createdAt'] },
} as const satisfies PersonDataRules
