import type { PersonDataRules } from '../../db/personTables.ts'

export const MEMBERSHIP_PERSON_DATA = {
  // With the network's name, so the export reads without the service.
  membership: { exportAs: 'memberships', builtBy: 'exportPersonData' },
  consent: { exportAs: 'consents', columns: ['purpose', 'textVersion', 'givenAt', 'withdrawnAt'] },
  membershipNotice: { exportAs: 'mailsAboutMemberships', columns: ['networkId', 'kind', 'createdAt', 'sentAt'] },
} as const satisfies PersonDataRules
