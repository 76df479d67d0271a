/** The identity providers the app can sign people in with (OpenID Connect). */
export const OIDC_PROVIDER_IDS = ['feide', 'idporten'] as const
export type OidcProviderId = (typeof OIDC_PROVIDER_IDS)[number]

export interface OidcProviderConfig {
  id: OidcProviderId
  issuer: string
  clientId: string
  clientSecret: string
  scopes: string
  /** Feide: which institution a login realm (`uio.no` in `kari@uio.no`) belongs to. */
  realms: Record<string, string>
}

const DEFAULT_SCOPES: Record<OidcProviderId, string> = {
  feide: 'openid profile email userid-feide',
  idporten: 'openid profile',
}

/**
 * The providers configured in the environment, each by its prefix:
 * `FEIDE_ISSUER`, `FEIDE_CLIENT_ID`, `FEIDE_CLIENT_SECRET`, `FEIDE_SCOPES`,
 * `FEIDE_REALMS` (`uio.no=uio,ntnu.no=ntnu`); the same with `IDPORTEN_`.
 * A provider without its issuer, client id and secret is not offered.
 */
export function oidcProvidersFrom(env: NodeJS.ProcessEnv): OidcProviderConfig[] {
  return OIDC_PROVIDER_IDS.flatMap((id) => {
    const prefix = id.toUpperCase()
    const issuer = env[`${prefix}_ISSUER`]
    const clientId = env[`${prefix}_CLIENT_ID`]
    const clientSecret = env[`${prefix}_CLIENT_SECRET`]
    if (!issuer || !clientId || !clientSecret) return []
    const realms = Object.fromEntries(
      (env[`${prefix}_REALMS`] ?? '')
        .split(',')
        .map((pair) => pair.trim().split('='))
        .filter((pair): pair is [string, string] => pair.length === 2 && pair[0]!.length > 0),
    )
    return [{ id, issuer, clientId, clientSecret, scopes: env[`${prefix}_SCOPES`] ?? DEFAULT_SCOPES[id], realms }]
  })
}
