import { randomUUID } from 'node:crypto'
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import type { Db } from '../../db/schema.ts'
import { AppError } from '../../lib/problem.ts'

const CHALLENGE_MS = 5 * 60_000

/** Where passkeys are bound: the site's host name and the exact origin pages are served from. */
export interface RelyingParty {
  id: string
  origin: string
  name: string
}

async function storeChallenge(
  db: Db,
  purpose: 'register' | 'sign-in',
  challenge: string,
  personId: string | null,
): Promise<string> {
  const id = randomUUID()
  await db
    .insertInto('webauthnChallenge')
    .values({ id, personId, challenge, purpose, expiresAt: new Date(Date.now() + CHALLENGE_MS).toISOString() })
    .execute()
  return id
}

/** Takes a challenge once: it is deleted as it is read, so a replayed answer finds nothing. */
async function takeChallenge(db: Db, id: string, purpose: 'register' | 'sign-in') {
  const row = await db
    .deleteFrom('webauthnChallenge')
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .returningAll()
    .executeTakeFirst()
  if (!row || row.expiresAt <= new Date().toISOString())
    throw new AppError('validation', 'This passkey request has expired; try again', [
      { path: ['body', 'challengeId'], message: 'expired or used' },
    ])
  return row
}

/** Options for adding a passkey to the signed-in person's account (existing ones excluded). */
export async function passkeyRegistrationOptions(db: Db, rp: RelyingParty, personId: string) {
  const person = await db
    .selectFrom('person')
    .select(['email', 'name'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  const existing = await db
    .selectFrom('passkey')
    .select(['id', 'transports'])
    .where('personId', '=', personId)
    .execute()
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: person.email,
    userDisplayName: person.name,
    userID: new TextEncoder().encode(personId),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: JSON.parse(p.transports) as string[] })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  })
  return { challengeId: await storeChallenge(db, 'register', options.challenge, personId), options }
}

/** Checks the browser's answer and keeps the new passkey. */
export async function registerPasskey(
  db: Db,
  rp: RelyingParty,
  personId: string,
  challengeId: string,
  response: RegistrationResponseJSON,
): Promise<void> {
  const challenge = await takeChallenge(db, challengeId, 'register')
  if (challenge.personId !== personId) throw new AppError('forbidden')
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
  }).catch((error: Error) => {
    throw new AppError('validation', `Passkey not accepted: ${error.message}`)
  })
  if (!result.verified) throw new AppError('validation', 'Passkey not accepted')
  const { credential } = result.registrationInfo
  await db
    .insertInto('passkey')
    .values({
      id: credential.id,
      personId,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: JSON.stringify(credential.transports ?? []),
      createdAt: new Date().toISOString(),
      lastUsedAt: null,
    })
    .execute()
}

/** Options for signing in with any passkey this site knows (the browser offers the person's own). */
export async function passkeySignInOptions(db: Db, rp: RelyingParty) {
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'preferred' })
  return { challengeId: await storeChallenge(db, 'sign-in', options.challenge, null), options }
}

/** Checks a passkey's signature and answers whose it is. The counter guards against cloned authenticators. */
export async function verifyPasskeySignIn(
  db: Db,
  rp: RelyingParty,
  challengeId: string,
  response: AuthenticationResponseJSON,
): Promise<string> {
  const challenge = await takeChallenge(db, challengeId, 'sign-in')
  const passkey = await db.selectFrom('passkey').selectAll().where('id', '=', response.id).executeTakeFirst()
  if (!passkey) throw new AppError('validation', 'This passkey is not registered here (it may have been removed)')
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: {
      id: passkey.id,
      publicKey: Buffer.from(passkey.publicKey, 'base64url'),
      counter: passkey.counter,
      transports: JSON.parse(passkey.transports) as string[],
    },
  }).catch((error: Error) => {
    throw new AppError('validation', `Passkey not accepted: ${error.message}`)
  })
  if (!result.verified) throw new AppError('validation', 'Passkey not accepted')
  await db
    .updateTable('passkey')
    .set({ counter: result.authenticationInfo.newCounter, lastUsedAt: new Date().toISOString() })
    .where('id', '=', passkey.id)
    .execute()
  return passkey.personId
}
