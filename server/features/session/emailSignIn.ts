import type { Locale } from '../../../shared/schemas/common.ts'
import { randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import { inChangeTransaction } from '../../sync/changeLog.ts'
import { sha256 } from '../../lib/sha256.ts'
import type { Db } from '../../db/schema.ts'
import type { Mailer } from '../../lib/mail/mailer.ts'
import { signInMail } from '../../lib/mail/templates.ts'
import { AppError } from '../../lib/problem.ts'
import { createPerson } from '../profile/createPerson.ts'
import type { VerifyEmailSignIn } from '../../../shared/schemas/signIn.ts'

const VALID_MS = 15 * 60_000
const MAX_CODE_ATTEMPTS = 5

/**
 * Makes a single-use sign-in token tied to an invitation, valid as long as the
 * invitation: following the link signs the person in and admits them.
 */
export async function createInvitationToken(
  db: Db,
  options: { email: string; invitationId: string; expiresAt: string; locale: Locale },
): Promise<string> {
  const id = randomUUID()
  const token = randomBytes(32).toString('base64url')
  await db
    .insertInto('signInChallenge')
    .values({
      id,
      email: options.email,
      tokenHash: sha256(token),
      codeHash: sha256(`${id}:${randomBytes(8).toString('hex')}`),
      invitationId: options.invitationId,
      locale: options.locale,
      createdAt: new Date().toISOString(),
      expiresAt: options.expiresAt,
      usedAt: null,
    })
    .execute()
  return token
}

/**
 * Sends a sign-in mail: a single-use link and a 6-digit code for the same
 * challenge, valid 15 minutes, stored only as hashes. The answer is the same
 * whether or not the address has an account, so it reveals nothing.
 */
export async function startEmailSignIn(
  db: Db,
  mailer: Mailer,
  options: { email: string; locale: Locale; baseUrl: string },
): Promise<{ challengeId: string }> {
  const email = options.email.toLowerCase()
  const id = randomUUID()
  const token = randomBytes(32).toString('base64url')
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const now = new Date()
  await db
    .insertInto('signInChallenge')
    .values({
      id,
      email,
      tokenHash: sha256(token),
      codeHash: sha256(`${id}:${code}`),
      invitationId: null,
      locale: options.locale,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + VALID_MS).toISOString(),
      usedAt: null,
    })
    .execute()
  const mail = signInMail(options.locale, `${options.baseUrl}/auth/verify#token=${token}`, code)
  await mailer.send({ to: email, ...mail, language: options.locale })
  return { challengeId: id }
}

/** Finds the person with this address, or makes their account: proving the address is how one is made. */
async function findOrCreatePerson(db: Db, email: string): Promise<string> {
  const existing = await db.selectFrom('person').select('id').where('email', '=', email).executeTakeFirst()
  if (existing) return existing.id
  return inChangeTransaction(db, (tx) => createPerson(tx, email))
}

/**
 * Checks a link's token or a typed code and returns the person to sign in.
 * A challenge is used once (a conditional update, so two racing requests
 * cannot both succeed); a code allows five wrong tries.
 */
export async function verifyEmailSignIn(
  db: Db,
  input: VerifyEmailSignIn,
): Promise<{ personId: string; invitationId: string | null }> {
  const now = new Date().toISOString()
  const challenge =
    'token' in input
      ? await db
          .selectFrom('signInChallenge')
          .selectAll()
          .where('tokenHash', '=', sha256(input.token))
          .executeTakeFirst()
      : await db.selectFrom('signInChallenge').selectAll().where('id', '=', input.challengeId).executeTakeFirst()
  const expired = new AppError(
    'validation',
    'This sign-in link or code has expired or was already used; ask for a new one',
    [{ path: ['body', 'token' in input ? 'token' : 'code'], message: 'expired or used' }],
  )
  if (!challenge || challenge.usedAt || challenge.expiresAt <= now) throw expired
  if ('code' in input) {
    if (challenge.attempts >= MAX_CODE_ATTEMPTS) throw expired
    const given = Buffer.from(sha256(`${challenge.id}:${input.code}`))
    if (!timingSafeEqual(given, Buffer.from(challenge.codeHash))) {
      await db
        .updateTable('signInChallenge')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', challenge.id)
        .execute()
      throw new AppError('validation', 'Wrong code', [{ path: ['body', 'code'], message: 'wrong code' }])
    }
  }
  const { numUpdatedRows } = await db
    .updateTable('signInChallenge')
    .set({ usedAt: now })
    .where('id', '=', challenge.id)
    .where('usedAt', 'is', null)
    .executeTakeFirst()
  if (Number(numUpdatedRows) !== 1) throw expired
  const personId = await findOrCreatePerson(db, challenge.email)
  // Signing in in a language says which one the person reads: their mails and pushes follow it.
  await db.updateTable('person').set({ locale: challenge.locale }).where('id', '=', personId).execute()
  return { personId, invitationId: challenge.invitationId }
}
