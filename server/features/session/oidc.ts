import * as client from 'openid-client'
import type { Db } from '../../db/schema.ts'
import { sha256 } from '../../lib/sha256.ts'
import { AppError } from '../../lib/problem.ts'
import { inChangeTransaction } from '../../sync/changeLog.ts'
import type { OidcProviderConfig, OidcProviderId } from './oidcConfig.ts'
import { createPerson } from '../profile/createPerson.ts'
import { nationalIdHasher } from '../graduates/nationalId.ts'
import { claimGraduateRecordsByNationalId } from '../graduates/importGraduates.ts'
import { recordEducationChange } from '../education/changes.ts'
import { afterVerification } from '../membership/autoJoin.ts'

const FLOW_MS = 10 * 60_000

// Discovery once per process, issuer and client: the issuer's metadata and keys (openid-client refreshes keys itself).
const discovered = new Map<string, Promise<client.Configuration>>()
function configurationOf(provider: OidcProviderConfig): Promise<client.Configuration> {
  const key = `${provider.issuer} ${provider.clientId}`
  let found = discovered.get(key)
  if (!found) {
    const issuer = new URL(provider.issuer)
    // Only a provider on this machine (the tests' own) may speak plain http.
    const isLocal = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname)
    found = client.discovery(
      issuer,
      provider.clientId,
      provider.clientSecret,
      undefined,
      isLocal ? { execute: [client.allowInsecureRequests] } : undefined,
    )
    found.catch(() => discovered.delete(key))
    discovered.set(key, found)
  }
  return found
}

/** Where the provider sends the person back to. */
export const callbackUrl = (appUrl: string, provider: OidcProviderId) => `${appUrl}/api/auth/oidc/${provider}/callback`

/**
 * Starts the authorization code flow with PKCE, state and nonce: the three
 * secrets stay on the server (the state only as a hash) for ten minutes,
 * and the browser is sent to the provider. `linkPersonId` links the identity
 * to a signed-in account instead of signing in.
 */
export async function startOidcFlow(
  db: Db,
  provider: OidcProviderConfig,
  appUrl: string,
  returnTo: string,
  linkPersonId: string | null,
): Promise<URL> {
  const config = await configurationOf(provider)
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  await db
    .insertInto('oidcFlow')
    .values({
      stateHash: sha256(state),
      provider: provider.id,
      codeVerifier,
      nonce,
      returnTo,
      linkPersonId,
      expiresAt: new Date(Date.now() + FLOW_MS).toISOString(),
    })
    .execute()
  return client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(appUrl, provider.id),
    scope: provider.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
}

/** What a provider says about the person, as far as the app uses it. */
interface Asserted {
  subject: string
  name: string | null
  email: string | null
  /** ID-porten: the national id number (never stored; only its keyed hash). */
  nationalId: string | null
  /** Feide: the affiliations at the home institution, and which institution that is. */
  affiliations: string[]
  institutionId: string | null
  /** Feide: the study programmes its groups name for the person (where the provider releases them). */
  programmes: string[]
}

function assertedFrom(provider: OidcProviderConfig, claims: Record<string, unknown>): Asserted {
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null)
  const principal = text(claims.eduPersonPrincipalName)
  const realm = principal?.split('@')[1]?.toLowerCase() ?? null
  const affiliations = Array.isArray(claims.eduPersonAffiliation)
    ? claims.eduPersonAffiliation.filter((a): a is string => typeof a === 'string')
    : []
  return {
    subject: String(claims.sub),
    name: text(claims.name),
    email: text(claims.email)?.toLowerCase() ?? null,
    nationalId: provider.id === 'idporten' ? text(claims.pid) : null,
    affiliations: provider.id === 'feide' ? affiliations : [],
    institutionId: realm ? (provider.realms[realm] ?? null) : null,
    programmes:
      provider.id === 'feide' && Array.isArray(claims.programmes)
        ? claims.programmes.filter((p): p is string => typeof p === 'string' && p.length > 0 && p.length <= 200)
        : [],
  }
}

/**
 * Finishes a flow: the state must be one this server issued, unused and
 * fresh (it is used up here: a replayed callback finds nothing), and
 * openid-client checks the code with the PKCE verifier, the ID token's
 * signature, issuer, audience and nonce. The identity then signs its
 * account in, is linked to the account that asked, or makes a new account.
 * Answers who is signed in and where to send them.
 */
export async function finishOidcFlow(
  db: Db,
  provider: OidcProviderConfig,
  appUrl: string,
  currentUrl: URL,
): Promise<{ personId: string; returnTo: string }> {
  const state = currentUrl.searchParams.get('state')
  if (!state) throw new AppError('validation', 'The answer from the provider has no state')
  const flow = await db
    .deleteFrom('oidcFlow')
    .where('stateHash', '=', sha256(state))
    .where('provider', '=', provider.id)
    .returningAll()
    .executeTakeFirst()
  if (!flow || flow.expiresAt < new Date().toISOString())
    throw new AppError('validation', 'This sign-in has expired or was already used: start again')
  const config = await configurationOf(provider)
  // The callback as the provider addressed it (behind a proxy the request's own URL may differ).
  const answered = new URL(callbackUrl(appUrl, provider.id))
  answered.search = currentUrl.search
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>
  try {
    tokens = await client.authorizationCodeGrant(config, answered, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    })
  } catch (error) {
    throw new AppError('validation', `The provider's answer was refused: ${(error as Error).message}`)
  }
  const claims = tokens.claims()
  if (!claims) throw new AppError('validation', 'The provider sent no ID token')
  let userinfo: Record<string, unknown> = {}
  if (tokens.access_token && config.serverMetadata().userinfo_endpoint)
    userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub).catch(() => ({}))
  const asserted = assertedFrom(provider, { ...userinfo, ...claims })
  const hash = asserted.nationalId ? (await nationalIdHasher(db))(asserted.nationalId) : null
  const now = new Date().toISOString()

  const personId = await inChangeTransaction(db, async (tx) => {
    const { trx } = tx
    const known = await trx
      .selectFrom('identity')
      .select('personId')
      .where('provider', '=', provider.id)
      .where('subject', '=', asserted.subject)
      .executeTakeFirst()
    let person = known?.personId ?? null
    if (flow.linkPersonId) {
      if (person && person !== flow.linkPersonId)
        throw new AppError('conflict', 'This identity already belongs to another account')
      person = flow.linkPersonId
    }
    if (!person) {
      // Never joined to an existing account by its address alone (Feide vouches for no e-mail).
      const taken = asserted.email
        ? await trx.selectFrom('person').select('id').where('email', '=', asserted.email).executeTakeFirst()
        : undefined
      if (taken)
        throw new AppError(
          'conflict',
          'An account with this address exists: sign in with e-mail first, then link the provider on the Me page',
        )
      const email = asserted.email ?? `${provider.id}.${sha256(asserted.subject).slice(0, 24)}@identity.invalid`
      person = await createPerson(tx, email, asserted.name ?? undefined)
    }
    if (known)
      await trx
        .updateTable('identity')
        .set({ lastUsedAt: now, nationalIdHash: hash })
        .where('provider', '=', provider.id)
        .where('subject', '=', asserted.subject)
        .execute()
    else
      await trx
        .insertInto('identity')
        .values({
          provider: provider.id,
          subject: asserted.subject,
          personId: person,
          nationalIdHash: hash,
          createdAt: now,
          lastUsedAt: now,
        })
        .execute()
    if (hash) await claimGraduateRecordsByNationalId(tx, person, hash, now)
    if (asserted.affiliations.includes('student') && asserted.institutionId)
      await recordStudentAffiliation(tx, person, provider.id, asserted.institutionId, asserted.programmes, now)
    return person
  })
  return { personId, returnTo: flow.returnTo }
}

/**
 * Feide says the person studies at the institution now: a study right the
 * identity provider asserts (source `idp`), kept current at each sign-in.
 */
async function recordStudentAffiliation(
  tx: Parameters<Parameters<typeof inChangeTransaction>[1]>[0],
  personId: string,
  provider: string,
  institutionId: string,
  programmes: string[],
  now: string,
): Promise<void> {
  for (const programme of programmes.length > 0 ? programmes : ['Student'])
    await recordStudyRight(tx, personId, provider, institutionId, programme, now)
  await afterVerification(tx, personId, now)
}

async function recordStudyRight(
  tx: Parameters<Parameters<typeof inChangeTransaction>[1]>[0],
  personId: string,
  provider: string,
  institutionId: string,
  programme: string,
  now: string,
): Promise<void> {
  const h = sha256(`idp-student:${provider}:${institutionId}:${programme}:${personId}`)
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
  const values = {
    personId,
    institutionId,
    programme,
    degree: 'other',
    status: 'student',
    graduationYear: null,
    graduatedOn: null,
    credits: 0,
    source: 'idp',
    verifiedAt: now,
    verifiedBy: `idp:${provider}`,
  }
  await tx.trx
    .insertInto('education')
    .values({ id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet({ verifiedAt: now }))
    .execute()
  await recordEducationChange(tx, id)
}

/** Forgets flows nobody finished (run now and then). */
export async function pruneOidcFlows(db: Db, now = new Date()): Promise<void> {
  await db.deleteFrom('oidcFlow').where('expiresAt', '<', now.toISOString()).execute()
}
