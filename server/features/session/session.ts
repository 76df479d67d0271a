import { randomBytes } from 'node:crypto'
import { sha256 } from '../../lib/sha256.ts'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie, deleteCookie } from 'hono/cookie'
import type { AppEnv, Deps } from '../../context.ts'
import { AppError } from '../../lib/problem.ts'

const COOKIE = 'sid'
// Secure, Path=/ and no Domain: the browser refuses it from plain http or a sibling subdomain.
const SECURE_COOKIE = '__Host-sid'
const SESSION_DAYS = 90

const hashToken = sha256

/** The person a session belongs to while it lasts, or null once it ended or expired. */
export async function sessionPerson(db: Deps['db'], tokenHash: string): Promise<string | null> {
  const session = await db
    .selectFrom('session')
    .select(['personId', 'expiresAt'])
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst()
  return session && session.expiresAt > new Date().toISOString() ? session.personId : null
}

/** Sets `personId` from the session cookie on every request (null when there is none or it expired). */
export function sessionMiddleware({ db }: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('personId', null)
    c.set('sessionHash', null)
    const token = getCookie(c, SECURE_COOKIE) ?? getCookie(c, COOKIE)
    if (token) {
      const tokenHash = hashToken(token)
      const personId = await sessionPerson(db, tokenHash)
      if (personId) {
        c.set('personId', personId)
        c.set('sessionHash', tokenHash)
      }
    }
    await next()
  }
}

/** Stores a new session for the person and returns its token (only the token's hash is kept). */
export async function createSession(db: Deps['db'], personId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const now = new Date()
  await db
    .insertInto('session')
    .values({
      tokenHash: hashToken(token),
      personId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
    })
    .execute()
  return token
}

/** The name of the session cookie on a server that sets it over plain http (tests, local demo). */
export const SESSION_COOKIE = COOKIE

/** Starts a session for the person: a random token in an HttpOnly cookie. */
export async function startSession(c: Context<AppEnv>, { db, config }: Deps, personId: string): Promise<void> {
  const token = await createSession(db, personId)
  // Decided by the configuration, never by the request's Host header (behind a proxy it may say localhost).
  if (config.secureCookies) {
    setCookie(c, SECURE_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: true,
      path: '/',
      maxAge: SESSION_DAYS * 86_400,
    })
  } else {
    setCookie(c, COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: SESSION_DAYS * 86_400 })
  }
}

function clearSessionCookies(c: Context<AppEnv>): void {
  deleteCookie(c, COOKIE, { path: '/' })
  if (getCookie(c, SECURE_COOKIE) !== undefined) deleteCookie(c, SECURE_COOKIE, { path: '/', secure: true })
}

/** Ends the current session. */
export async function endSession(c: Context<AppEnv>, { db }: Deps): Promise<void> {
  const token = getCookie(c, SECURE_COOKIE) ?? getCookie(c, COOKIE)
  if (token) await db.deleteFrom('session').where('tokenHash', '=', hashToken(token)).execute()
  clearSessionCookies(c)
}

/** Ends every session of the person, on every device (the cookie here too). */
export async function endAllSessions(c: Context<AppEnv>, { db }: Deps, personId: string): Promise<void> {
  await db.deleteFrom('session').where('personId', '=', personId).execute()
  clearSessionCookies(c)
}

/** The signed-in person's id, or a 401 problem. */
export function requirePerson(c: Context<AppEnv>): string {
  const personId = c.get('personId')
  if (!personId) throw new AppError('unauthenticated')
  return personId
}
