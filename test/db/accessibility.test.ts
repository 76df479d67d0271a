import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, protocolVersion, signUp, type TestApp } from '../helpers/testApp.ts'

/** Universell utforming on record: a reported barrier reaches the site's staff, once, however often the phone retries. */
describe.each(TEST_DATABASES)('reporting a barrier on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  it('keeps a report sent twice from an offline phone once, and shows it to site admins only', async () => {
    const person = await signUp(t, 'Berit Barriere')
    const report = {
      id: randomUUID(),
      page: '/n/x-imk/members',
      description: 'Søkefeltet mister fokus med skjermleser.',
    }
    const clientId = randomUUID()
    const push = () =>
      t.request('/api/sync/push', {
        method: 'POST',
        cookie: person.cookie,
        json: { clientId, protocolVersion, mutations: [{ id: 1, name: 'barrier.report', args: { report } }] },
      })
    expect((await (await push()).json()).results[0].status).toBe('applied')
    expect((await (await push()).json()).results[0].status).toBe('applied')
    const empty = await t.request('/api/sync/push', {
      method: 'POST',
      cookie: person.cookie,
      json: {
        clientId,
        protocolVersion,
        mutations: [
          { id: 2, name: 'barrier.report', args: { report: { ...report, id: randomUUID(), description: '' } } },
        ],
      },
    })
    expect((await empty.json()).results[0].problem.errors[0].path).toEqual(['args', 'report', 'description'])

    expect((await t.request('/api/accessibility/barriers', { cookie: person.cookie })).status).toBe(403)
    const admin = await signUp(t, 'Siri Sidedrift')
    await t.db.updateTable('person').set({ isSiteAdmin: 1 }).where('id', '=', admin.id).execute()
    const listed = await (await t.request('/api/accessibility/barriers', { cookie: admin.cookie })).json()
    expect(listed).toEqual([expect.objectContaining({ ...report, reporterName: 'Berit Barriere' })])
  })
})
