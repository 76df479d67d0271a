import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, protocolVersion, pullEverything, type TestApp } from '../helpers/testApp.ts'
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

  it('joins an open network at once when the education qualifies, recording consent', async () => {
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
    expect(await statusOf(labelledId('p-demo-alumn'), labelledId('net-tf'))).toBe('active')
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
    expect(requests.map((r) => [r.scope, (r.data as { name: string }).name])).toEqual([
      [networkStaffScope(labelledId('net-sv-econ')), 'Siri Søker'],
    ])
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
    expect(after.changes.some((c) => c.entity === 'joinRequest')).toBe(false)
    const again = await change('admin@demo.example', 'membership.decide', {
      membershipId: membershipId(labelledId('net-sv-econ'), labelledId('p-demo-soker')),
      approve: false,
    })
    expect(again.problem!.type).toBe('urn:alumni:problem:conflict')
  })

  it('adds a person automatically to networks tied to a degree they register (NTNU)', async () => {
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
    const m = await t.db
      .selectFrom('membership')
      .select(['status', 'source'])
      .where('personId', '=', labelledId('p-demo-board'))
      .where('networkId', '=', labelledId('net-ntnu-it'))
      .executeTakeFirst()
    expect(m).toEqual({ status: 'active', source: 'auto' })
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
