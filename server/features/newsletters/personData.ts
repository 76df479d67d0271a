import type { PersonDataRules } from '../../db/personTables.ts'

export const NEWSLETTER_PERSON_DATA = {
  newsletterDelivery: { exportAs: 'newsletterMails', columns: ['newsletterId', 'createdAt', 'sentAt'] },
  newsletterOpen: { exportAs: 'newsletterOpens', columns: ['newsletterId', 'openedAt'] },
  newsletterOptout: { exportAs: 'newsletterEmailOptOuts', columns: ['networkId', 'createdAt'] },
  newsletterSubscriber: { exportAs: 'newsletterSubscriptions', columns: ['networkId', 'createdAt'] },
} as const satisfies PersonDataRules
