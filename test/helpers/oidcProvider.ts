import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export interface LocalOidcProvider {
  issuer: string
  clientId: string
  clientSecret: string
  close: () => Promise<void>
}

/**
 * A real OpenID provider (panva's `oidc-provider`, the certified one) on a
 * free local port, standing in for Feide or ID-porten: code flow with PKCE,
 * signed ID tokens, a userinfo endpoint, and its development login form
 * (type an account id, no password). Accounts are the claims each
 * provider-shaped person has; consent is taken as given.
 */
export async function startOidcProvider(options: {
  /** Where the app may be sent back to; asked at the first request (an app started after the provider). */
  redirectUris: string[] | (() => string[])
  accounts: Record<string, Record<string, unknown>>
}): Promise<LocalOidcProvider> {
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | null = null
  const server = createServer((req, res) => (handle ??= makeProvider())(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientId = 'alumni-app'
  const clientSecret = 'a-test-secret-that-is-long-enough-for-hs256'
  const makeProvider = () => {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: typeof options.redirectUris === 'function' ? options.redirectUris() : options.redirectUris,
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      findAccount: (_ctx, id) => {
        const claims = options.accounts[id]
        return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined
      },
      claims: {
        openid: ['sub', 'pid'],
        profile: ['name'],
        email: ['email', 'email_verified'],
        'userid-feide': ['eduPersonPrincipalName', 'eduPersonAffiliation', 'programmes'],
      },
      scopes: ['openid', 'profile', 'email', 'userid-feide'],
      features: { devInteractions: { enabled: true } },
      pkce: { required: () => true },
      cookies: { keys: ['local-oidc-provider-cookie-key'] },
      // Consent is taken as given: the tests are about the app's side of the flow.
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client!.clientId,
          accountId: ctx.oidc.session!.accountId!,
        })
        grant.addOIDCScope('openid profile email userid-feide')
        grant.addOIDCClaims([
          'sub',
          'pid',
          'name',
          'email',
          'eduPersonPrincipalName',
          'eduPersonAffiliation',
          'programmes',
        ])
        await grant.save()
        return grant
      },
    })
    provider.on('server_error', (_ctx, error) => console.error('oidc-provider:', error))
    return provider.callback()
  }
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/**
 * Walks a browser's part of a provider sign-in without a browser: follows
 * the provider's redirects with its cookies, types the account id into its
 * login form, and answers the URL the provider sends the browser back to.
 */
export async function signInAtProvider(authorizeUrl: string, accountId: string): Promise<URL> {
  const jar = new Map<string, string>()
  const send = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    })
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const [name, ...value] = pair!.split('=')
      jar.set(name!, value.join('='))
    }
    return res
  }
  let url = authorizeUrl
  for (let hop = 0; hop < 10; hop++) {
    const res = await send(url)
    const location = res.headers.get('location')
    if (res.status === 200 && /\/interaction\//.test(url)) {
      await res.text()
      const login = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login: accountId, password: 'x' }).toString(),
      })
      url = new URL(login.headers.get('location')!, url).href
      continue
    }
    await res.body?.cancel()
    if (!location) throw new Error(`the provider stopped at ${url} with ${res.status}`)
    const next = new URL(location, url)
    if (!next.href.startsWith(new URL(authorizeUrl).origin)) return next
    url = next.href
  }
  throw new Error('the provider redirected too many times')
}
