import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { hitRateLimit } from '../../lib/rateLimit.ts'
import { clientBucket, trustedProxies } from '../../lib/clientAddress.ts'
import { requirePerson, startSession } from './session.ts'
import { publicBaseUrl } from './routes.ts'
import { finishOidcFlow, startOidcFlow } from './oidc.ts'
import { OIDC_PROVIDER_IDS, type OidcProviderConfig } from './oidcConfig.ts'

const ProviderParam = z.object({ provider: z.enum(OIDC_PROVIDER_IDS) })
/** Only a path of this app: never another site (an open redirect). */
const ReturnToSchema = z
  .string()
  .regex(/^\/(?!\/)[\w\-./?=&#%]*$/, 'a path in the app')
  .max(500)
  .default('/me')

const IdentitySchema = z.object({ provider: z.enum(OIDC_PROVIDER_IDS), createdAt: z.string(), lastUsedAt: z.string() })

function configured(deps: Deps, id: string): OidcProviderConfig {
  const provider = deps.config.oidcProviders.find((p) => p.id === id)
  if (!provider) throw new AppError('not-found', 'This provider is not configured on this server')
  return provider
}

/** Sign-in with Feide and ID-porten (OpenID Connect), and the providers linked to one's account. */
export function oidcRoutes(deps: Deps) {
  const proxies = trustedProxies(deps.config.trustProxy ?? undefined)
  return new Hono<AppEnv>()
    .get(
      '/providers',
      describe({
        summary: 'The identity providers this server signs people in with',
        tags: ['auth'],
        response: z.array(z.enum(OIDC_PROVIDER_IDS)),
      }),
      (c) => c.json(deps.config.oidcProviders.map((p) => p.id)),
    )
    .get(
      '/:provider/start',
      describe({ summary: 'Sends the browser to the provider (code flow with PKCE, state and nonce)', tags: ['auth'] }),
      validate('param', ProviderParam),
      validate('query', z.object({ returnTo: ReturnToSchema, link: z.enum(['1']).optional() })),
      async (c) => {
        const provider = configured(deps, c.req.valid('param').provider)
        const { returnTo, link } = c.req.valid('query')
        await hitRateLimit(deps.db, `oidc:start:${clientBucket(c, proxies)}`, 30, 15 * 60_000)
        const linkPersonId = link ? requirePerson(c) : null
        const url = await startOidcFlow(deps.db, provider, publicBaseUrl(c, deps), returnTo, linkPersonId)
        return c.redirect(url.href, 302)
      },
    )
    .get(
      '/:provider/callback',
      describe({ summary: "The provider's answer: signs in, links, or says what went wrong", tags: ['auth'] }),
      validate('param', ProviderParam),
      async (c) => {
        const provider = configured(deps, c.req.valid('param').provider)
        const current = new URL(c.req.url)
        if (current.searchParams.get('error')) return c.redirect('/me?signIn=cancelled', 302)
        try {
          const { personId, returnTo } = await finishOidcFlow(deps.db, provider, publicBaseUrl(c, deps), current)
          if (c.get('personId') !== personId) await startSession(c, deps, personId)
          return c.redirect(returnTo, 302)
        } catch (error) {
          if (!(error instanceof AppError)) throw error
          deps.logger.log('warn', 'oidc.refused', { provider: provider.id, reason: error.message })
          return c.redirect(`/me?signIn=${error.type === 'conflict' ? 'taken' : 'refused'}`, 302)
        }
      },
    )
    .get(
      '/identities',
      describe({ summary: 'The providers linked to my account', tags: ['auth'], response: z.array(IdentitySchema) }),
      async (c) => {
        const personId = requirePerson(c)
        const rows = await deps.db
          .selectFrom('identity')
          .select(['provider', 'createdAt', 'lastUsedAt'])
          .where('personId', '=', personId)
          .orderBy('createdAt')
          .execute()
        return c.json(rows.map((r) => IdentitySchema.parse(r)))
      },
    )
    .delete(
      '/identities/:provider',
      describe({ summary: 'Unlinks a provider from my account', tags: ['auth'] }),
      validate('param', ProviderParam),
      async (c) => {
        const personId = requirePerson(c)
        const { provider } = c.req.valid('param')
        const person = await deps.db
          .selectFrom('person')
          .select('email')
          .where('id', '=', personId)
          .executeTakeFirstOrThrow()
        const others = await deps.db
          .selectFrom('identity')
          .select('provider')
          .where('personId', '=', personId)
          .where('provider', '!=', provider)
          .execute()
        // An account made by a provider has no address to sign in with by mail: keep one way in.
        if (person.email.endsWith('@identity.invalid') && others.length === 0)
          throw new AppError('conflict', 'This is your only way to sign in: link another first')
        const { numDeletedRows } = await deps.db
          .deleteFrom('identity')
          .where('personId', '=', personId)
          .where('provider', '=', provider)
          .executeTakeFirst()
        if (Number(numDeletedRows) === 0) throw new AppError('not-found', 'This provider is not linked')
        return c.json({ unlinked: provider })
      },
    )
}
