import { api } from '../../api/client.ts'

export type SignInProvider = 'feide' | 'idporten'

/** The identity providers this server signs people in with (none when offline or not configured). */
export async function signInProviders(): Promise<SignInProvider[]> {
  const res = await api.auth.oidc.providers.$get().catch(() => null)
  return res?.ok ? res.json() : []
}

/** The providers linked to the signed-in account. */
export async function linkedIdentities(): Promise<{ provider: SignInProvider; createdAt: string }[]> {
  const res = await api.auth.oidc.identities.$get().catch(() => null)
  return res?.ok ? res.json() : []
}

/** Unlinks a provider; answers whether the server did. */
export async function unlinkIdentity(provider: SignInProvider): Promise<Response | null> {
  return api.auth.oidc.identities[':provider'].$delete({ param: { provider } }).catch(() => null)
}

/** Where the browser goes to link a provider to the signed-in account, coming back to the Me page. */
export const linkHref = (provider: SignInProvider) => `/api/auth/oidc/${provider}/start?returnTo=%2Fme&link=1`
