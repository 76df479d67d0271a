import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import {
  createTestApp,
  importGraduatesAs,
  institutionStaff,
  protocolVersion,
  pullEverything,
  signUp,
  verifiedGraduate,
  type TestApp,
} from '../helpers/testApp.ts'
import { PullResponseSchema, PushResponseSchema } from '../../shared/sync/protocol.ts'
import { networkMembersScope, networkStaffScope } from '../../shared/sync/scopes.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'
import { membershipId } from '../../shared/ids.ts'

describe.each(TEST_DATABASES)('joining networks under their own rules on %s', (kind) => {
  let t: TestApp
  let n = 0
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  /** Pushes one change as `email` from a fresh device and answers the result. */
  async function change(email: string, name: string, args: unknown) {
    const cookie = await t.signIn(email)
    const res = await t.request('/api/sync/push', {
      method: 'POST',
      cookie,
      json: { clientId: `member-${kind}-${++n}`, protocolVersion, mutations: [{ id: 1, name, args }] },
    })
    return PushResponseSchema.parse(await res.json()).results[0]!
  }
  const pullAll = async (email: string) => pullEverything(t, await t.signIn(email))
  const statusOf = async (personId: string, networkId: string) =>
    (
      await t.db
        .selectFrom('membership')
        .select('status')
        .where('personId', '=', personId)
        .where('networkId', '=', networkId)
        .executeTakeFirst()
    )?.status

  it('takes a claimed degree as a request, then joins at once when the graduate list verifies it, recording consent', async () => {
    expect(await change('alumn@demo.example', 'membership.join', { networkId: labelledId('net-tf') })).toMatchObject({
      status: 'rejected',
    })
    await change('alumn@demo.example', 'education.add', {
      education: {
        id: labelledId('e-alumn-teo'),
        institutionId: 'uio',
        programme: 'Teologi',
        degree: 'master',
        status: 'graduated',
        graduationYear: 2012,
        credits: 300,
      },
    })
    expect(await change('alumn@demo.example', 'membership.join', { networkId: labelledId('net-tf') })).toMatchObject({
      status: 'applied',
    })
    // Only the alum's word so far: a request, and nothing of the network's members on the phone.
    expect(await statusOf(labelledId('p-demo-alumn'), labelledId('net-tf'))).toBe('requested')
    expect(Object.keys((await pullAll('alumn@demo.example')).cursors)).not.toContain(
      networkMembersScope(labelledId('net-tf')),
    )
    const registrar = await institutionStaff(t, 'uio')
    const report = await importGraduatesAs(
      t,
      registrar.cookie,
      'uio',
      'Studentnummer;Navn;E-post;Studieprogram;Grad;Termin;Studiepoeng\n700001;Alma Alumn;alumn@demo.example;Teologi;Master;2012 VÅR;300\n',
    )
    expect(report.counts).toMatchObject({ matched: 1 })
    expect(await statusOf(labelledId('p-demo-alumn'), labelledId('net-tf'))).toBe('active')
    const educations = await t.db
      .selectFrom('education')
      .select(['programme', 'source'])
      .where('personId', '=', labelledId('p-demo-alumn'))
      .where('programme', '=', 'Teologi')
      .execute()
    expect(educations).toEqual([{ programme: 'Teologi', source: 'institution' }])
    const consent = await t.db
      .selectFrom('consent')
      .select(['purpose', 'textVersion'])
      .where('personId', '=', labelledId('p-demo-alumn'))
      .execute()
    expect(consent).toContainEqual({
      purpose: `membership:${labelledId('net-tf')}`,
      textVersion: expect.stringMatching(/^membership-/),
    })
    expect(Object.keys((await pullAll('alumn@demo.example')).cursors)).toContain(
      networkMembersScope(labelledId('net-tf')),
    )
  })

  it('gives a fresh account that claims degrees no directory entry of any network, and shows staff its claims', async () => {
    const prober = await signUp(t, 'Petter Prøver')
    const claims = [
      ['uio', 'Medievitenskap'],
      ['uio', 'Teologi'],
      ['uio', 'Samfunnsøkonomi'],
      ['nhh', 'Økonomi og administrasjon'],
      ['ntnu', 'Informatikk'],
      ['uia', 'Nordisk'],
    ]
    for (const [institutionId, programme] of claims)
      await change(prober.email, 'education.add', {
        education: {
          id: crypto.randomUUID(),
          institutionId,
          programme,
          degree: 'master',
          status: 'graduated',
          graduationYear: 2015,
          credits: 120,
        },
      })
    const networks = await t.db.selectFrom('network').select('id').execute()
    for (const network of networks) await change(prober.email, 'membership.join', { networkId: network.id })
    const { cursors, changes } = await pullEverything(t, prober.cookie)
    expect(Object.keys(cursors).filter((scope) => scope.endsWith(':members'))).toEqual([])
    expect(changes.filter((c) => c.entity === 'member')).toEqual([])
    const active = await t.db
      .selectFrom('membership')
      .select('networkId')
      .where('personId', '=', prober.id)
      .where('status', '=', 'active')
      .execute()
    expect(active).toEqual([])
    // X-IMK's staff see the request with the claim marked as a claim, and can confirm it by hand.
    const staffView = (await pullAll('admin@demo.example')).changes.findLast(
      (c) => c.entity === 'joinRequest' && c.id === membershipId(labelledId('net-ximk'), prober.id),
    )
    expect(staffView?.data).toMatchObject({
      name: 'Petter Prøver',
      educations: expect.arrayContaining([expect.objectContaining({ programme: 'Medievitenskap', source: 'self' })]),
    })
    const claim = (staffView!.data as { educations: { id: string; programme: string }[] }).educations.find(
      (e) => e.programme === 'Medievitenskap',
    )!
    expect(
      (
        await change('alumn@demo.example', 'education.verify', {
          educationId: claim.id,
          networkId: labelledId('net-ximk'),
        })
      ).problem?.type,
    ).toMatch(/forbidden/)
    expect(
      (
        await change('admin@demo.example', 'education.verify', {
          educationId: claim.id,
          networkId: labelledId('net-ximk'),
        })
      ).status,
    ).toBe('applied')
    expect(await statusOf(prober.id, labelledId('net-ximk'))).toBe('active')
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['actorId', 'action'])
      .where('subjectId', '=', claim.id)
      .execute()
    expect(audit).toEqual([{ actorId: labelledId('p-demo-admin'), action: 'education.verify' }])
  })

  it('refuses with the reason when the education does not qualify, and writes nothing', async () => {
    const result = await change('styre@demo.example', 'membership.join', { networkId: labelledId('net-nhh') })
    expect(result.status).toBe('rejected')
    expect(result.problem!.detail).toMatch(/does not meet this network's requirements/)
    expect(await statusOf(labelledId('p-demo-board'), labelledId('net-nhh'))).toBeUndefined()
  })

  it('refuses an invite-only network without an invitation, and admits with one', async () => {
    expect(
      (await change('alumn@demo.example', 'membership.join', { networkId: labelledId('net-iakh') })).problem!.detail,
    ).toMatch(/invitation only/)
    await t.db
      .insertInto('invitation')
      .values({
        id: 'inv-1',
        networkId: labelledId('net-iakh'),
        email: 'alumn@demo.example',
        name: null,
        status: 'pending',
        invitedBy: null,
        createdAt: new Date().toISOString(),
        expiresAt: '2100-01-01T00:00:00.000Z',
        lastSentAt: null,
      })
      .execute()
    expect((await change('alumn@demo.example', 'membership.join', { networkId: labelledId('net-iakh') })).status).toBe(
      'applied',
    )
    expect(await statusOf(labelledId('p-demo-alumn'), labelledId('net-iakh'))).toBe('active')
    expect(
      (await t.db.selectFrom('invitation').select('status').where('id', '=', 'inv-1').executeTakeFirstOrThrow()).status,
    ).toBe('accepted')
  })

  it('turns a qualifying applicant into a request only staff see and decide', async () => {
    const staffView = await pullAll('admin@demo.example')
    const requests = staffView.changes.filter((c) => c.entity === 'joinRequest')
    expect(requests.map((r) => [r.scope, (r.data as { name: string }).name])).toContainEqual([
      networkStaffScope(labelledId('net-sv-econ')),
      'Siri Søker',
    ])
    expect(requests.every((r) => r.scope.startsWith('network:') && r.scope.endsWith(':staff'))).toBe(true)
    // A plain member of another network sees no requests at all.
    expect((await pullAll('alumn@demo.example')).changes.some((c) => c.entity === 'joinRequest')).toBe(false)

    const byOutsider = await change('alumn@demo.example', 'membership.decide', {
      membershipId: membershipId(labelledId('net-sv-econ'), labelledId('p-demo-soker')),
      approve: true,
    })
    expect(byOutsider.problem!.type).toBe('urn:alumni:problem:forbidden')
    expect(
      await change('admin@demo.example', 'membership.decide', {
        membershipId: membershipId(labelledId('net-sv-econ'), labelledId('p-demo-soker')),
        approve: true,
      }),
    ).toMatchObject({ status: 'applied' })
    expect(await statusOf(labelledId('p-demo-soker'), labelledId('net-sv-econ'))).toBe('active')
    const after = await pullAll('admin@demo.example')
    const soker = membershipId(labelledId('net-sv-econ'), labelledId('p-demo-soker'))
    expect(after.changes.some((c) => c.entity === 'joinRequest' && c.id === soker)).toBe(false)
    const again = await change('admin@demo.example', 'membership.decide', {
      membershipId: membershipId(labelledId('net-sv-econ'), labelledId('p-demo-soker')),
      approve: false,
    })
    expect(again.problem!.type).toBe('urn:alumni:problem:conflict')
  })

  it('adds a verified graduate automatically to networks tied to their degree (NTNU), never on a claim', async () => {
    await change('styre@demo.example', 'education.add', {
      education: {
        id: labelledId('e-board-ntnu'),
        institutionId: 'ntnu',
        programme: 'Informatikk',
        degree: 'master',
        status: 'graduated',
        graduationYear: 2010,
        credits: 300,
      },
    })
    const membershipOf = (personId: string) =>
      t.db
        .selectFrom('membership')
        .select(['status', 'source', 'lawfulBasis', 'basisExpiresAt'])
        .where('personId', '=', personId)
        .where('networkId', '=', labelledId('net-ntnu-it'))
        .executeTakeFirst()
    expect(await membershipOf(labelledId('p-demo-board'))).toBeUndefined()
    const graduate = await verifiedGraduate(t, 'Nils Nettverk', {
      institutionId: 'ntnu',
      programme: 'Informatikk',
      graduationYear: 2024,
    })
    // On the institution's legitimate interest, until five years after the verified graduation.
    expect(await membershipOf(graduate.id)).toEqual({
      status: 'active',
      source: 'auto',
      lawfulBasis: 'legitimateInterest',
      basisExpiresAt: '2029-12-31T23:59:59.000Z',
    })
  })

  it('lets a faculty coordinator read the staff scope of every network of the faculty, and decide there', async () => {
    const { cursors } = await pullAll('koordinator@demo.example')
    expect(Object.keys(cursors)).toEqual(
      expect.arrayContaining([
        networkStaffScope(labelledId('net-ximk')),
        networkStaffScope(labelledId('net-iakh')),
        networkMembersScope(labelledId('net-ximk')),
      ]),
    )
    expect(Object.keys(cursors)).not.toContain(networkStaffScope(labelledId('net-nhh')))
    const edit = await change('koordinator@demo.example', 'network.update', {
      networkId: labelledId('net-iakh'),
      patch: { contactEmail: 'ny@hf.uio.example' },
    })
    expect(edit.status).toBe('applied')
  })

  it('leaves a network: the membership ends and its member scope is dropped at the next pull', async () => {
    expect((await change('alumn@demo.example', 'membership.leave', { networkId: labelledId('net-tf') })).status).toBe(
      'applied',
    )
    expect(await statusOf(labelledId('p-demo-alumn'), labelledId('net-tf'))).toBe('ended')
    const cookie = await t.signIn('alumn@demo.example')
    const res = await t.request('/api/sync/pull', {
      method: 'POST',
      cookie,
      json: { protocolVersion, cursors: { [networkMembersScope(labelledId('net-tf'))]: 1 } },
    })
    expect(PullResponseSchema.parse(await res.json()).dropScopes).toContain(networkMembersScope(labelledId('net-tf')))
  })
})
