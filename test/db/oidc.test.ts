import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, importGraduatesAs, institutionStaff, signUp, type TestApp } from '../helpers/testApp.ts'
import { signInAtProvider, startOidcProvider, type LocalOidcProvider } from '../helpers/oidcProvider.ts'

const APP = 'http://alumni.test'
// A synthetic national id number (month + 80): valid check digits, nobody's.
const PID = '15828510085'

describe.each(TEST_DATABASES)('sign-in with Feide and ID-porten on %s', (kind) => {
  let t: TestApp
  let feide: LocalOidcProvider
  let idporten: LocalOidcProvider
  beforeAll(async () => {
    feide = await startOidcProvider({
      redirectUris: [`${APP}/api/auth/oidc/feide/callback`],
      accounts: {
        'feide-student-1': {
          name: 'Stine Student',
          email: 'stine.student@uio.example',
          eduPersonPrincipalName: 'stine@uio.no',
          eduPersonAffiliation: ['student', 'member'],
          programmes: ['Medievitenskap'],
        },
        'feide-employee-1': {
          name: 'Even Employee',
          email: 'even.employee@uio.example',
          eduPersonPrincipalName: 'even@uio.no',
          eduPersonAffiliation: ['employee', 'member'],
        },
        'feide-taken': { name: 'Ola Nordmann', email: 'alumn@demo.example', eduPersonAffiliation: ['member'] },
      },
    })
    idporten = await startOidcProvider({
      redirectUris: [`${APP}/api/auth/oidc/idporten/callback`],
      accounts: { 'idporten-pairwise-1': { pid: PID }, 'idporten-pairwise-2': { pid: '01819010001' } },
    })
    const provider = (id: 'feide' | 'idporten', p: LocalOidcProvider) => ({
      id,
      issuer: p.issuer,
      clientId: p.clientId,
      clientSecret: p.clientSecret,
      scopes: id === 'feide' ? 'openid profile email userid-feide' : 'openid profile',
      realms: { 'uio.no': 'uio' },
    })
    t = await createTestApp(kind, {
      members: 0,
      publicUrl: APP,
      oidcProviders: [provider('feide', feide), provider('idporten', idporten)],
    })
  })
  afterAll(async () => {
    await t.close()
    await feide.close()
    await idporten.close()
  })

  /** The whole round trip as a browser makes it: start, the provider's login form, the callback. */
  async function signInWith(
    provider: 'feide' | 'idporten',
    account: string,
    options: { cookie?: string; link?: boolean } = {},
  ) {
    const start = await t.request(
      `/api/auth/oidc/${provider}/start?returnTo=/me${options.link ? '&link=1' : ''}`,
      options.cookie ? { cookie: options.cookie } : {},
    )
    expect(start.status).toBe(302)
    const authorize = new URL(start.headers.get('location')!)
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('nonce')).toBeTruthy()
    const back = await signInAtProvider(authorize.href, account)
    expect(back.origin + back.pathname).toBe(`${APP}/api/auth/oidc/${provider}/callback`)
    const callback = await t.request(`${back.pathname}${back.search}`, options.cookie ? { cookie: options.cookie } : {})
    const cookie = callback.headers.get('set-cookie')?.split(';')[0] ?? options.cookie ?? null
    return { callback, cookie, back }
  }
  const me = async (cookie: string) =>
    (await (await t.request('/api/auth/me', { cookie })).json()) as { profile: { id: string; name: string } | null }

  it('offers only the providers the server is configured for', async () => {
    expect(await (await t.request('/api/auth/oidc/providers')).json()).toEqual(['feide', 'idporten'])
    const bare = await createTestApp(kind, { members: 0 })
    expect(await (await bare.request('/api/auth/oidc/providers')).json()).toEqual([])
    expect((await bare.request('/api/auth/oidc/feide/start')).status).toBe(404)
    await bare.close()
  })

  it('signs a Feide student in and makes them a verified student of their programme', async () => {
    const { callback, cookie } = await signInWith('feide', 'feide-student-1')
    expect(callback.status).toBe(302)
    expect(callback.headers.get('location')).toBe('/me')
    const { profile } = await me(cookie!)
    expect(profile?.name).toBe('Stine Student')
    const educations = await t.db
      .selectFrom('education')
      .select(['institutionId', 'programme', 'status', 'source'])
      .where('personId', '=', profile!.id)
      .execute()
    expect(educations).toEqual([
      { institutionId: 'uio', programme: 'Medievitenskap', status: 'student', source: 'idp' },
    ])
    // The same Feide identity signs the same account in again.
    const again = await signInWith('feide', 'feide-student-1')
    expect((await me(again.cookie!)).profile?.id).toBe(profile!.id)
  })

  it('gives a Feide employee no study right', async () => {
    const { cookie } = await signInWith('feide', 'feide-employee-1')
    const { profile } = await me(cookie!)
    expect(await t.db.selectFrom('education').select('id').where('personId', '=', profile!.id).execute()).toEqual([])
  })

  it('never signs into an account by its e-mail address alone', async () => {
    const { callback } = await signInWith('feide', 'feide-taken')
    expect(callback.headers.get('location')).toBe('/me?signIn=taken')
    expect(callback.headers.get('set-cookie')).toBeNull()
  })

  it('makes an ID-porten alumnus whose national id is on an imported list a verified graduate', async () => {
    const registrar = await institutionStaff(t, 'uio')
    await importGraduatesAs(
      t,
      registrar.cookie,
      'uio',
      `Studentnummer;Fødselsnummer;Navn;Studieprogram;Grad;Termin\n770001;${PID};Ida Porten;Historie;Master;2015 VÅR\n`,
    )
    const { cookie } = await signInWith('idporten', 'idporten-pairwise-1')
    const { profile } = await me(cookie!)
    const educations = await t.db
      .selectFrom('education')
      .select(['programme', 'source'])
      .where('personId', '=', profile!.id)
      .execute()
    expect(educations).toEqual([{ programme: 'Historie', source: 'institution' }])
    const identities = await t.db.selectFrom('identity').selectAll().where('personId', '=', profile!.id).execute()
    expect(JSON.stringify(identities)).not.toContain(PID)
  })

  it('links a second provider to a signed-in account, lists both, and unlinks one', async () => {
    const stine = (await signInWith('feide', 'feide-student-1')).cookie!
    const linked = await signInWith('idporten', 'idporten-pairwise-2', { cookie: stine, link: true })
    expect(linked.callback.headers.get('location')).toBe('/me')
    const list = async (cookie: string) =>
      ((await (await t.request('/api/auth/oidc/identities', { cookie })).json()) as { provider: string }[]).map(
        (i) => i.provider,
      )
    expect(await list(stine)).toEqual(['feide', 'idporten'])
    // Signing in with ID-porten now opens the same account.
    const viaIdporten = await signInWith('idporten', 'idporten-pairwise-2')
    expect((await me(viaIdporten.cookie!)).profile?.id).toBe((await me(stine)).profile?.id)
    expect((await t.request('/api/auth/oidc/identities/feide', { method: 'DELETE', cookie: stine })).status).toBe(200)
    expect(await list(stine)).toEqual(['idporten'])
    // An identity another account holds is never moved to this one.
    const lina = await signUp(t, 'Lina Lenke')
    const taken = await signInWith('feide', 'feide-employee-1', { cookie: lina.cookie, link: true })
    expect(taken.callback.headers.get('location')).toBe('/me?signIn=taken')
    expect(await list(lina.cookie)).toEqual([])
  })

  it('refuses a replayed callback and a forged one', async () => {
    const { back } = await signInWith('feide', 'feide-student-1')
    const replay = await t.request(`${back.pathname}${back.search}`)
    expect(replay.headers.get('location')).toBe('/me?signIn=refused')
    expect(replay.headers.get('set-cookie')).toBeNull()
    const forged = await t.request(`/api/auth/oidc/feide/callback?code=made-up&state=made-up&iss=${feide.issuer}`)
    expect(forged.headers.get('location')).toBe('/me?signIn=refused')
    // A real state with someone else's code: openid-client's checks (PKCE, nonce) refuse it.
    const start = await t.request('/api/auth/oidc/feide/start?returnTo=/me')
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!
    const stolen = new URLSearchParams(back.search)
    stolen.set('state', state)
    const mixed = await t.request(`${back.pathname}?${stolen}`)
    expect(mixed.headers.get('location')).toBe('/me?signIn=refused')
  })

  it('sends nobody elsewhere than a page of the app', async () => {
    const away = await t.request('/api/auth/oidc/feide/start?returnTo=//evil.example/')
    expect(away.status).toBe(422)
  })
})
