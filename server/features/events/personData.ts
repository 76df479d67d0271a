import type { PersonDataRules } from '../../db/personTables.ts'

export const EVENT_PERSON_DATA = {
  registration: { exportAs: 'registrations', columns: 'all' },
  notice: { exportAs: 'mailsAboutEvents', columns: ['eventId', 'kind', 'createdAt', 'sentAt'] },
} as const satisfies PersonDataRules
