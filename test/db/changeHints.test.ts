import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, protocolVersion, type TestApp } from '../helpers/testApp.ts'
import { eventReader } from '../helpers/eventStream.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

describe.each(TEST_DATABASES)('change hints on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  it("tells a listening device when something it may read changed, and not when someone else's private row did", async () => {
    const alumn = await t.signIn('alumn@demo.example')
    const admin = await t.signIn('admin@demo.example')
    const events = eventReader(await t.request('/api/sync/events', { cookie: alumn }))
    expect(await events.next()).toBe('ready')

    // The admin's registered education is private to the admin: the alumnus hears nothing.
    await t.request('/api/sync/push', {
      method: 'POST',
      cookie: admin,
      json: {
        clientId: `hint-${kind}-a`,
        protocolVersion,
        mutations: [
          {
            id: 1,
            name: 'education.add',
            args: {
              education: {
                id: labelledId('e-hint'),
                institutionId: 'uio',
                programme: 'Filosofi',
                degree: 'bachelor',
                status: 'graduated',
                graduationYear: 2001,
                credits: 180,
              },
            },
          },
        ],
      },
    })
    expect(await events.next(600)).toBeNull()

    // A network page is public: the alumnus is told to pull.
    await t.request('/api/sync/push', {
      method: 'POST',
      cookie: admin,
      json: {
        clientId: `hint-${kind}-b`,
        protocolVersion,
        mutations: [
          {
            id: 1,
            name: 'network.update',
            args: { networkId: labelledId('net-ximk'), patch: { purpose: 'Ny tekst' } },
          },
        ],
      },
    })
    expect(await events.next()).toBe('changed')
    await events.cancel()
  })
})
