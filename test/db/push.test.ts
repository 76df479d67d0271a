import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { changeAs, createTestApp, type TestApp } from '../helpers/testApp.ts'
import { LOCAL_PUSH_HOSTS, startPushEndpoint, type PushEndpoint } from '../helpers/pushEndpoint.ts'
import { readConfig } from '../../server/config.ts'
import { vapidKeys, type VapidKeys } from '../../server/features/notifications/vapid.ts'
import { sendDuePushes } from '../../server/features/notifications/sendPushes.ts'
import { pushTopic } from '../../server/features/notifications/queuePushes.ts'
import { queueReminders } from '../../server/features/events/reminders.ts'
import { PushPayloadSchema } from '../../shared/schemas/push.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

/** Web Push through a local push endpoint that decrypts each message with the device's keys. */
describe.each(TEST_DATABASES)('web push on %s', (kind) => {
  let t: TestApp
  let endpoint: PushEndpoint
  let vapid: VapidKeys
  let n = 0
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
    endpoint = await startPushEndpoint()
    vapid = await vapidKeys(t.db, readConfig({}))
  })
  afterAll(async () => {
    await t.close()
    await endpoint.close()
  })

  async function subscribe(email: string, device: string) {
    const res = await t.request('/api/push/subscriptions', {
      method: 'POST',
      cookie: await t.signIn(email),
      json: { ...endpoint.subscription(device), label: `Telefon ${device}` },
    })
    expect(res.status).toBe(200)
    return (await res.json()) as { id: string }
  }
  /** A published event of X-IMK that staff save now, starting in `hours`. */
  async function publish(type: 'social' | 'seminar', hours = 48) {
    const id = `ev-push-${++n}`
    const startsAt = new Date(Date.now() + hours * 3_600_000).toISOString()
    expect(
      (
        await changeAs(t, 'admin@demo.example', 'event.save', {
          event: {
            id,
            networkId: labelledId('net-ximk'),
            type,
            title: `Treff ${n}`,
            description: '',
            startsAt,
            endsAt: startsAt,
            place: 'Café Mir',
            city: 'Oslo',
            capacity: null,
            status: 'published',
            audience: 'open',
          },
        })
      ).status,
    ).toBe('applied')
    return { id, startsAt }
  }
  const sendDue = (now?: Date) => sendDuePushes(t.db, vapid, now, undefined, LOCAL_PUSH_HOSTS)
  const receivedBy = (device: string) => endpoint.received.filter((r) => r.device === device)

  it('sends a new social meetup to members, encrypted, with TTL until it starts, normal urgency and a topic per event', async () => {
    await subscribe('alumn@demo.example', 'alumn-1')
    const event = await publish('social')
    expect(await sendDue()).toBe(1)
    const [push] = receivedBy('alumn-1')
    expect(PushPayloadSchema.parse(push!.payload)).toMatchObject({
      type: 'event.new',
      id: event.id,
      title: 'Treff 1',
      url: `/e/${event.id}`,
    })
    expect((push!.payload as { body: string }).body).toMatch(/^Nytt sosialt treff: /)
    expect(JSON.stringify(push!.payload).length).toBeLessThan(1024)
    expect(Number(push!.headers.ttl)).toBeGreaterThan(48 * 3600 - 60)
    expect(Number(push!.headers.ttl)).toBeLessThanOrEqual(48 * 3600)
    expect(push!.headers).toMatchObject({
      urgency: 'normal',
      topic: pushTopic(`event:${event.id}`),
      'content-encoding': 'aes128gcm',
    })
    expect(push!.headers.authorization).toMatch(new RegExp(`^vapid t=.+, k=${vapid.publicKey}$`))
    // Sent once: a second run has nothing to do.
    expect(await sendDue()).toBe(0)
  })

  it('tells those registered of a cancellation at high urgency, through quiet hours, and holds a normal notice until they end', async () => {
    const event = await publish('seminar')
    await sendDue()
    expect(
      await changeAs(t, 'alumn@demo.example', 'registration.register', { eventId: event.id, answers: {} }),
    ).toMatchObject({ status: 'applied' })
    // Quiet all day but the last minute: whatever the clock says now, it is quiet.
    const now = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'Europe/Oslo',
    }).format(new Date())
    const [h, m] = now.split(':').map(Number) as [number, number]
    const minute = (h * 60 + m + 2) % 1440
    const end = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
    expect(
      await changeAs(t, 'alumn@demo.example', 'notifications.update', {
        settings: { networks: {}, quietHours: { from: now, to: end } },
      }),
    ).toMatchObject({ status: 'applied' })
    const quietEvent = await publish('social')
    expect(await sendDue()).toBe(0)
    const held = await t.db
      .selectFrom('pushMessage')
      .select('sendAfter')
      .where('payload', 'like', `%${quietEvent.id}%`)
      .executeTakeFirstOrThrow()
    expect(Date.parse(held.sendAfter)).toBeGreaterThan(Date.now() + 30_000)

    const before = receivedBy('alumn-1').length
    expect(await changeAs(t, 'admin@demo.example', 'event.cancel', { eventId: event.id })).toMatchObject({
      status: 'applied',
    })
    expect(await sendDue()).toBe(1)
    const push = receivedBy('alumn-1').slice(before)[0]!
    expect(push.payload).toMatchObject({ type: 'event.cancelled', id: event.id, body: 'Arrangementet er avlyst.' })
    expect(push.headers).toMatchObject({ urgency: 'high', topic: pushTopic(`event:${event.id}`) })
    // The held one goes when the quiet hours are over.
    expect(await sendDue(new Date(Date.now() + 3 * 60_000))).toBe(1)
    await changeAs(t, 'alumn@demo.example', 'notifications.update', { settings: { networks: {}, quietHours: null } })
  })

  it('sends nothing on a topic the member turned off for the network', async () => {
    await changeAs(t, 'alumn@demo.example', 'notifications.update', {
      settings: { networks: { [labelledId('net-ximk')]: ['myEvents'] }, quietHours: null },
    })
    await publish('social')
    expect(
      await t.db.selectFrom('pushMessage').select('id').where('sentAt', 'is', null).where('attempts', '=', 0).execute(),
    ).toEqual([])
    await changeAs(t, 'alumn@demo.example', 'notifications.update', { settings: { networks: {}, quietHours: null } })
  })

  it('deletes a subscription the push service answers 404 or 410 for, and retries a 500 later', async () => {
    await subscribe('admin@demo.example', 'admin-gone')
    await subscribe('styre@demo.example', 'board-flaky')
    endpoint.answer('admin-gone', 410)
    endpoint.answer('board-flaky', 500)
    endpoint.answer('alumn-1', 404)
    await publish('social')
    expect(await sendDue()).toBe(0)
    const left = await t.db.selectFrom('pushSubscription').select('endpoint').execute()
    expect(left.map((s) => s.endpoint.split('/').at(-1))).toEqual(['board-flaky'])
    const flaky = await t.db
      .selectFrom('pushMessage')
      .select(['attempts', 'lastError', 'sentAt'])
      .where('sentAt', 'is', null)
      .execute()
    expect(flaky).toEqual([{ attempts: 1, lastError: expect.stringMatching(/^500/), sentAt: null }])
    expect(await sendDue()).toBe(0)
    expect(await sendDue(new Date(Date.now() + 60_000))).toBe(1)
    expect(receivedBy('board-flaky')).toHaveLength(1)
  })

  it('reminds those registered the day before, once however often the job runs', async () => {
    await subscribe('alumn@demo.example', 'alumn-2')
    const event = await publish('seminar', 20)
    await sendDue()
    await changeAs(t, 'alumn@demo.example', 'registration.register', { eventId: event.id, answers: {} })
    const queued = await Promise.all([queueReminders(t.db), queueReminders(t.db)])
    expect(queued.reduce((a, b) => a + b, 0)).toBe(1)
    await sendDue()
    expect(receivedBy('alumn-2').at(-1)!.payload).toMatchObject({
      type: 'event.reminder',
      id: event.id,
      body: expect.stringMatching(/^I morgen: /),
    })
  })

  it("lists and removes only the person's own devices, and refuses a malformed subscription naming the field", async () => {
    const alumn = await t.signIn('alumn@demo.example')
    const { devices } = (await (await t.request('/api/push/subscriptions', { cookie: alumn })).json()) as {
      devices: { id: string; label: string }[]
    }
    expect(devices.map((d) => d.label)).toEqual(['Telefon alumn-2'])
    const others = await t.db
      .selectFrom('pushSubscription')
      .select('id')
      .where('personId', '!=', labelledId('p-demo-alumn'))
      .execute()
    expect(
      (await t.request(`/api/push/subscriptions/${others[0]!.id}`, { method: 'DELETE', cookie: alumn })).status,
    ).toBe(404)
    expect(
      (await t.request(`/api/push/subscriptions/${devices[0]!.id}`, { method: 'DELETE', cookie: alumn })).status,
    ).toBe(200)
    const bad = await t.request('/api/push/subscriptions', {
      method: 'POST',
      cookie: alumn,
      json: { endpoint: 'javascript:alert(1)', keys: { p256dh: 'x', auth: 'y' } },
    })
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { errors: { path: string[] }[] }).errors.map((e) => e.path.join('.'))).toEqual(
      expect.arrayContaining(['body.endpoint', 'body.keys.p256dh', 'body.keys.auth']),
    )
  })

  it('sends each push once when several workers share the queue', async () => {
    const people = Array.from({ length: 120 }, (_, i) => `p-share-${i}`)
    const now = new Date().toISOString()
    await t.db
      .insertInto('person')
      .values(
        people.map((id) => ({
          id,
          email: `${id}@example.org`,
          name: id,
          graduationYear: null,
          programme: null,
          employer: null,
          title: null,
          city: null,
          linkedinUrl: null,
          bio: null,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute()
    await t.db
      .insertInto('membership')
      .values(
        people.map((id) => ({
          id: `m-${id}`,
          networkId: labelledId('net-ximk'),
          personId: id,
          status: 'active',
          role: 'member',
          since: now,
          source: 'seed',
        })),
      )
      .execute()
    for (const id of people)
      await t.db
        .insertInto('pushSubscription')
        .values({
          id: crypto.randomUUID(),
          personId: id,
          label: 'test',
          createdAt: now,
          lastSuccessAt: null,
          ...(({ endpoint, keys }) => ({ endpoint, p256dh: keys.p256dh, auth: keys.auth }))(endpoint.subscription(id)),
        })
        .execute()
    await sendDue()
    await publish('social')
    const totals = await Promise.all([1, 2, 3].map(() => sendDue()))
    const shared = endpoint.received.filter((r) => r.device.startsWith('p-share-'))
    expect(shared).toHaveLength(120)
    expect(new Set(shared.map((r) => r.device)).size).toBe(120)
    expect(totals.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(120)
  })

  it('never calls an endpoint outside the push services: refused when registered, and skipped (its subscription dropped) at send time', async () => {
    const alumn = await t.signIn('alumn@demo.example')
    for (const bad of [
      'https://169.254.169.254/latest/meta-data',
      'http://10.0.0.1/admin',
      'https://evil.example/hook',
      'https://fcm.googleapis.com:8443/x',
    ]) {
      const res = await t.request('/api/push/subscriptions', {
        method: 'POST',
        cookie: alumn,
        json: { ...endpoint.subscription('ssrf'), endpoint: bad },
      })
      expect(res.status, bad).toBe(422)
      expect(((await res.json()) as { errors: { path: string[] }[] }).errors[0]!.path).toEqual(['body', 'endpoint'])
    }
    // A row registered while loopback was allowed (or written by hand): the sender, with the real list, does not call it.
    await subscribe('alumn@demo.example', 'loopback')
    await publish('social')
    const before = endpoint.received.length
    await sendDuePushes(t.db, vapid)
    expect(endpoint.received.length).toBe(before)
    expect(receivedBy('loopback')).toHaveLength(0)
    expect(
      await t.db.selectFrom('pushSubscription').select('id').where('endpoint', 'like', '%/push/loopback').execute(),
    ).toEqual([])
  })

  it("keeps at most ten devices a person, and does not hand one person's endpoint to another", async () => {
    const board = await t.signIn('styre@demo.example')
    const devices = Array.from({ length: 12 }, (_, i) => endpoint.subscription(`board-many-${i}`))
    for (const device of devices) {
      expect(
        (await t.request('/api/push/subscriptions', { method: 'POST', cookie: board, json: { ...device, label: 'x' } }))
          .status,
      ).toBe(200)
    }
    const kept = await t.db
      .selectFrom('pushSubscription')
      .select('endpoint')
      .where('personId', '=', labelledId('p-demo-board'))
      .execute()
    expect(kept).toHaveLength(10)
    expect(kept.map((k) => k.endpoint)).not.toContain(devices[0]!.endpoint)
    expect(kept.map((k) => k.endpoint)).toContain(devices[11]!.endpoint)

    // Someone who learnt the endpoint cannot take it with keys of their own ...
    const admin = await t.signIn('admin@demo.example')
    const stolen = await t.request('/api/push/subscriptions', {
      method: 'POST',
      cookie: admin,
      json: { endpoint: devices[11]!.endpoint, keys: endpoint.subscription('thief').keys, label: 'x' },
    })
    expect(stolen.status).toBe(409)
    // ... while the same browser, signed in as someone else, proves it with the subscription's own keys.
    expect(
      (
        await t.request('/api/push/subscriptions', {
          method: 'POST',
          cookie: admin,
          json: { ...devices[11]!, label: 'Delt nettbrett' },
        })
      ).status,
    ).toBe(200)
    const moved = await t.db
      .selectFrom('pushSubscription')
      .select('personId')
      .where('endpoint', '=', devices[11]!.endpoint)
      .executeTakeFirstOrThrow()
    expect(moved.personId).toBe(labelledId('p-demo-admin'))
  })
})
