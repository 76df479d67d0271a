import type { PersonDataRules } from '../../db/personTables.ts'

// When and for how long, never the token's hash or the passkey's public key.
export const SESSION_PERSON_DATA = {
  session: { exportAs: 'signIn.sessions', columns: ['createdAt', 'expiresAt'] },
  passkey: { exportAs: 'signIn.passkeys', columns: ['createdAt', 'lastUsedAt'] },
  // The provider's name for the person (pseudonymous), never the national id number's hash.
  identity: { exportAs: 'signIn.identities', columns: ['provider', 'subject', 'createdAt', 'lastUsedAt'] },
  webauthnChallenge: {
    omitted: 'a passkey sign-in in progress, deleted within minutes; it holds only a random challenge',
  },
} as const satisfies PersonDataRules
