import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { hitPacedRateLimit, hitRateLimit } from '../../lib/rateLimit.ts'
import { clientBucket, trustedProxies } from '../../lib/clientAddress.ts'
import { DevSignInSchema, MeSchema, type Me } from '../../../shared/schemas/session.ts'
import { StartEmailSignInSchema, StartedSignInSchema, VerifyEmailSignInSchema } from '../../../shared/schemas/signIn.ts'
import { endAllSessions, endSession, requirePerson, startSession } from './session.ts'
import { startEmailSignIn, verifyEmailSignIn } from './emailSignIn.ts'
import { acceptInvitation } from '../invitations/accept.ts'
import {
  passkeyRegistrationOptions,
  passkeySignInOptions,
  registerPasskey,
  verifyPasskeySignIn,
  type RelyingParty,
} from './passkeys.ts'
import { PasskeyOptionsSchema, PasskeyVerifySchema } from '../../../shared/schemas/passkey.ts'
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'
import { toProfile } from '../profile/rows.ts'
import type { Membership } from '../../../shared/schemas/person.ts'

const FIFTEEN_MINUTES = 15 * 60_000

async function loadMe(deps: Deps, personId: string | null): Promise<Me> {
  const isDemo = deps.config.isDemo
  if (!personId) return { profile: null, memberships: [], isDemo, coordinates: [], registers: [], isSiteAdmin: false }
  const person = await deps.db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirst()
  const memberships = await deps.db
    .selectFrom('membership')
    .select(['id', 'networkId', 'personId', 'status', 'role', 'since', 'source', 'lawfulBasis', 'basisExpiresAt'])
    .where('personId', '=', personId)
    .execute()
  const faculties = await deps.db
    .selectFrom('facultyRole')
    .select('facultyId')
    .where('personId', '=', personId)
    .execute()
  const institutions = await deps.db
    .selectFrom('institutionRole')
    .select('institutionId')
    .where('personId', '=', personId)
    .execute()
  return {
    profile: person ? toProfile(person) : null,
    memberships: memberships as Membership[],
    isDemo,
    coordinates: faculties.map((f) => f.facultyId),
    registers: institutions.map((i) => i.institutionId),
    isSiteAdmin: person?.isSiteAdmin === 1,
  }
}

/** The address people open the app at: PUBLIC_URL, or the origin of this request. */
export function publicBaseUrl(c: Context, deps: Deps): string {
  return deps.config.publicUrl ?? new URL(c.req.url).origin
}

function relyingParty(c: Context, deps: Deps): RelyingParty {
  const origin = publicBaseUrl(c, deps)
  return { id: new URL(origin).hostname, origin, name: 'Alumninettverk' }
}

/**
 * Signing in without a password: an e-mailed link or code, sessions in
 * HttpOnly cookies, sign-out here or everywhere. In demo mode also a dev
 * mailbox and a direct sign-in for tests.
 */
export function authRoutes(deps: Deps) {
  const proxies = trustedProxies(deps.config.trustProxy ?? undefined)
  const clientAddress = (c: Context) => clientBucket(c, proxies)
  return new Hono<AppEnv>()
    .get(
      '/me',
      describe({ summary: 'The signed-in person and their memberships', tags: ['auth'], response: MeSchema }),
      async (c) => c.json(await loadMe(deps, c.get('personId'))),
    )
    .post(
      '/email/start',
      describe({ summary: 'E-mail a sign-in link and code', tags: ['auth'], response: StartedSignInSchema }),
      validate('json', StartEmailSignInSchema),
      async (c) => {
        const { email, locale } = c.req.valid('json')
        await hitRateLimit(deps.db, `sign-in:ip:${clientAddress(c)}`, 20, FIFTEEN_MINUTES)
        // Anyone can ask on someone else's behalf: past five, one mail a minute, never a lockout.
        await hitPacedRateLimit(deps.db, `sign-in:email:${email.toLowerCase()}`, 5, FIFTEEN_MINUTES, 60_000)
        return c.json(await startEmailSignIn(deps.db, deps.mailer, { email, locale, baseUrl: deps.mailUrl() }))
      },
    )
    .post(
      '/email/verify',
      describe({
        summary: "Finish e-mail sign-in with the link's token or the code",
        tags: ['auth'],
        response: MeSchema,
      }),
      validate('json', VerifyEmailSignInSchema),
      async (c) => {
        await hitRateLimit(deps.db, `verify:ip:${clientAddress(c)}`, 30, FIFTEEN_MINUTES)
        const { personId, invitationId } = await verifyEmailSignIn(deps.db, c.req.valid('json'))
        if (invitationId) await acceptInvitation(deps.db, personId, invitationId)
        await startSession(c, deps, personId)
        return c.json(await loadMe(deps, personId))
      },
    )
    .post(
      '/passkey/register/options',
      describe({
        summary: 'Start adding a passkey to the signed-in account',
        tags: ['auth'],
        response: PasskeyOptionsSchema,
      }),
      async (c) => c.json(await passkeyRegistrationOptions(deps.db, relyingParty(c, deps), requirePerson(c))),
    )
    .post(
      '/passkey/register/verify',
      describe({ summary: 'Keep the passkey the browser made', tags: ['auth'] }),
      validate('json', PasskeyVerifySchema),
      async (c) => {
        const personId = requirePerson(c)
        const { challengeId, response } = c.req.valid('json')
        await registerPasskey(
          deps.db,
          relyingParty(c, deps),
          personId,
          challengeId,
          response as unknown as RegistrationResponseJSON,
        )
        return c.json({ ok: true })
      },
    )
    .post(
      '/passkey/sign-in/options',
      describe({ summary: 'Start signing in with a passkey', tags: ['auth'], response: PasskeyOptionsSchema }),
      async (c) => {
        await hitRateLimit(deps.db, `passkey:ip:${clientAddress(c)}`, 60, FIFTEEN_MINUTES)
        return c.json(await passkeySignInOptions(deps.db, relyingParty(c, deps)))
      },
    )
    .post(
      '/passkey/sign-in/verify',
      describe({ summary: "Sign in with the passkey's signature", tags: ['auth'], response: MeSchema }),
      validate('json', PasskeyVerifySchema),
      async (c) => {
        const { challengeId, response } = c.req.valid('json')
        const personId = await verifyPasskeySignIn(
          deps.db,
          relyingParty(c, deps),
          challengeId,
          response as unknown as AuthenticationResponseJSON,
        )
        await startSession(c, deps, personId)
        return c.json(await loadMe(deps, personId))
      },
    )
    .get('/passkeys', describe({ summary: "The signed-in person's passkeys", tags: ['auth'] }), async (c) => {
      const rows = await deps.db
        .selectFrom('passkey')
        .select(['id', 'createdAt', 'lastUsedAt'])
        .where('personId', '=', requirePerson(c))
        .orderBy('createdAt')
        .execute()
      return c.json(rows)
    })
    .delete(
      '/passkeys/:passkeyId',
      describe({ summary: "Remove one of the signed-in person's passkeys (a lost phone)", tags: ['auth'] }),
      validate('param', z.object({ passkeyId: z.string().min(1).max(1024) })),
      async (c) => {
        const personId = requirePerson(c)
        const { numDeletedRows } = await deps.db
          .deleteFrom('passkey')
          .where('id', '=', c.req.valid('param').passkeyId)
          .where('personId', '=', personId)
          .executeTakeFirst()
        if (Number(numDeletedRows) === 0) throw new AppError('not-found', 'No such passkey')
        return c.json({ ok: true })
      },
    )
    .post('/sign-out', describe({ summary: 'End this session', tags: ['auth'] }), async (c) => {
      await endSession(c, deps)
      return c.json({ ok: true })
    })
    .post(
      '/sign-out-everywhere',
      describe({ summary: 'End every session of the signed-in person', tags: ['auth'] }),
      async (c) => {
        await endAllSessions(c, deps, requirePerson(c))
        return c.json({ ok: true })
      },
    )
    .get(
      '/dev/mailbox',
      describe({ summary: 'Demo only: the mails the server would have sent', tags: ['auth'] }),
      async (c) => {
        if (!deps.config.isDemo || deps.config.smtpUrl) throw new AppError('not-found')
        const mails = await deps.db
          .selectFrom('mailbox')
          .select(['id', 'toAddress', 'subject', 'text', 'createdAt'])
          .orderBy('id', 'desc')
          .limit(50)
          .execute()
        return c.json(mails.map((m) => ({ ...m, id: Number(m.id) })))
      },
    )
    .post(
      '/dev/sign-in',
      describe({
        summary: 'Demo only: sign in by e-mail address alone (for automated tests)',
        tags: ['auth'],
        response: MeSchema,
      }),
      validate('json', DevSignInSchema),
      async (c) => {
        if (!deps.config.isDemo) throw new AppError('not-found')
        const { email } = c.req.valid('json')
        const person = await deps.db
          .selectFrom('person')
          .select('id')
          .where('email', '=', email.toLowerCase())
          .executeTakeFirst()
        if (!person)
          throw new AppError('not-found', 'No demo account has this e-mail address', [
            { path: ['body', 'email'], message: 'unknown address' },
          ])
        await startSession(c, deps, person.id)
        return c.json(await loadMe(deps, person.id))
      },
    )
}
