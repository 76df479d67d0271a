import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { appNetwork, changeAs, createTestApp, signUp, type TestApp } from '../helpers/testApp.ts'
import { PERSON_DATA } from '../../server/features/privacy/personData.ts'
import { createDatabase } from '../../client/db/database.ts'
import { createApi } from '../../client/api/client.ts'
import { createSyncEngine } from '../../client/sync/engine.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

describe.each(TEST_DATABASES)('download my data and delete my account on %s', (kind) => {
  let t: TestApp
  let devices = 0
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 20 })
  })
  afterAll(async () => {
    await t.close()
  })

  /** A device (real Dexie over IndexedDB) signed in with `cookie`, syncing against the app. */
  function device(personId: string, cookie: string) {
    const db = createDatabase(`erasure-${kind}-${++devices}`)
    const fetchFn: typeof fetch = async (input, init) => t.request(new URL(String(input)).pathname, { ...init, cookie })
    const engine = createSyncEngine({
      db,
      api: createApi(fetchFn, 'http://localhost/api'),
      personId: () => personId,
      onStatus: () => {},
    })
    return { db, engine }
  }

  it('exports everything held about the person, and logs the export', async () => {
    const cookie = await t.signIn('alumn@demo.example')
    const res = await t.request('/api/me/export', { cookie })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="alumni-data-/)
    const data = await res.json()
    expect(data.profile).toMatchObject({ id: labelledId('p-demo-alumn'), email: 'alumn@demo.example' })
    expect(data.memberships).toEqual([
      expect.objectContaining({ networkId: labelledId('net-ximk'), lawfulBasis: 'consent' }),
    ])
    expect(data.educations).toHaveLength(1)
    expect(JSON.stringify(data)).not.toMatch(/tokenHash|publicKey/)
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'subjectId'])
      .where('action', '=', 'data.export')
      .execute()
    expect(audit).toEqual([{ action: 'data.export', subjectId: labelledId('p-demo-alumn') }])
  })

  it('holds every row about the person: each table with a person column is in the export, or says why not', async () => {
    const tables = await t.db.introspection.getTables()
    const withPerson = tables
      .filter((table) => table.columns.some((c) => c.name === 'person_id'))
      .map((table) => table.name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()))
    expect(withPerson.length).toBeGreaterThan(15)
    for (const table of withPerson) expect(Object.keys(PERSON_DATA), `${table} has a person column`).toContain(table)

    // Rows in the tables the export used to leave out, made as the app makes them.
    const person = await signUp(t, 'Innsyn Krav')
    const network = await appNetwork(t, 'koordinator@demo.example', 'Innsynsfag', [person.email])
    const group = { id: randomUUID(), networkId: network.id }
    for (const [name, args] of [
      [
        'group.create',
        { group: { ...group, name: 'Innsyn i Bergen', kind: 'region', description: '', url: null, contactName: null } },
      ],
      ['group.follow', { groupId: group.id, isOn: true }],
      ['group.flagDormant', { groupId: group.id }],
      [
        'education.add',
        {
          education: {
            id: randomUUID(),
            institutionId: 'uio',
            programme: 'Innsynsfag',
            degree: 'phd',
            status: 'student',
            graduationYear: null,
            credits: 60,
          },
        },
      ],
      ['newsletter.subscribe', { networkId: group.networkId, isOn: true }],
      ['notifications.update', { settings: { networks: {}, quietHours: null, newsletterEmailOff: [group.networkId] } }],
    ] as const)
      expect((await changeAs(t, person.email, name, args)).problem, name).toBeUndefined()
    const data = (await (await t.request('/api/me/export', { cookie: person.cookie })).json()) as Record<
      string,
      unknown
    >
    for (const [table, rule] of Object.entries(PERSON_DATA)) {
      if (!('exportAs' in rule)) continue
      const value = rule.exportAs
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], data)
      expect(value, `${table} → ${rule.exportAs}`).not.toBeUndefined()
    }
    expect(data).toMatchObject({
      groupsFollowed: [{ groupId: group.id }],
      groupsFlagged: [{ groupId: group.id }],
      newsletterSubscriptions: [{ networkId: group.networkId }],
      newsletterEmailOptOuts: [{ networkId: group.networkId }],
    })
  })

  it('refuses to delete without the right confirmation, and changes nothing', async () => {
    const cookie = await t.signIn('alumn@demo.example')
    const res = await t.request('/api/me/delete', {
      method: 'POST',
      cookie,
      json: { confirmEmail: 'someone.else@example.org' },
    })
    expect(res.status).toBe(422)
    expect((await res.json()).errors[0].path).toEqual(['body', 'confirmEmail'])
    expect(
      await t.db.selectFrom('person').select('id').where('id', '=', labelledId('p-demo-alumn')).executeTakeFirst(),
    ).toBeDefined()
  })

  it("erases the person from the server and from a fellow member's device at its next sync", async () => {
    const staffCookie = await t.signIn('admin@demo.example')
    const staffPhone = device(labelledId('p-demo-admin'), staffCookie)
    await staffPhone.engine.requestSync()
    expect(await staffPhone.db.members.where('id').equals(labelledId('p-demo-alumn')).count()).toBeGreaterThan(0)

    const alumnCookie = await t.signIn('alumn@demo.example')
    const ownPhone = device(labelledId('p-demo-alumn'), alumnCookie)
    await ownPhone.engine.requestSync()
    expect(await ownPhone.db.profiles.count()).toBe(1)

    const res = await t.request('/api/me/delete', {
      method: 'POST',
      cookie: alumnCookie,
      json: { confirmEmail: 'alumn@demo.example' },
    })
    expect(res.status).toBe(200)

    for (const table of ['person', 'membership', 'education', 'session', 'consent'] as const) {
      const column = table === 'person' ? 'id' : 'personId'
      const rows = await t.db
        .selectFrom(table)
        .select(column as never)
        .where(column as never, '=', labelledId('p-demo-alumn') as never)
        .execute()
      expect(rows, table).toEqual([])
    }
    const log = await t.db
      .selectFrom('changeLog')
      .select(['data'])
      .where('data', 'like', '%alumn@demo.example%')
      .execute()
    expect(log).toEqual([])

    await staffPhone.engine.requestSync()
    expect(await staffPhone.db.members.where('id').equals(labelledId('p-demo-alumn')).count()).toBe(0)
    // The erased person's own phone: its session is gone, so its next pull drops their private rows.
    await ownPhone.engine.requestSync()
    expect(await ownPhone.db.profiles.count()).toBe(0)
    expect(await ownPhone.db.memberships.count()).toBe(0)
    expect((await t.request('/api/auth/me', { cookie: alumnCookie }).then((r) => r.json())).profile).toBeNull()
  })
})
