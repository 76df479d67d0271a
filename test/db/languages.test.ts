import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { appNetwork, changeAs, createTestApp, pullEverything, signUp, type TestApp } from '../helpers/testApp.ts'
import { mailerTo, startSmtpCapture, type SmtpCapture } from '../helpers/smtpCapture.ts'
import { sendDueNotices } from '../../server/features/events/notices.ts'
import { queuePushes } from '../../server/features/notifications/queuePushes.ts'

const APP = 'https://alumni.example'
const COORDINATOR = 'koordinator@demo.example'

/** A person who reads nynorsk gets nynorsk mails and pushes (språklova § 14), and keeps the choice with the account. */
describe.each(TEST_DATABASES)('nynorsk beside bokmål on %s', (kind) => {
  let t: TestApp
  let smtp: SmtpCapture
  beforeAll(async () => {
    smtp = await startSmtpCapture()
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
    await smtp.close()
  })

  it('sends the sign-in mail in nynorsk when asked in nynorsk', async () => {
    const email = `nynorsk.${randomUUID().slice(0, 8)}@example.org`
    const res = await t.request('/api/auth/email/start', { method: 'POST', json: { email, locale: 'nn' } })
    expect(res.status).toBe(200)
    const mail = await t.db
      .selectFrom('mailbox')
      .select(['subject', 'text'])
      .where('toAddress', '=', email)
      .executeTakeFirstOrThrow()
    expect(mail.text).toContain('Lenkja og koden verkar i 15 minutt')
  })

  it("keeps the person's language, and writes their event mail and push in it", async () => {
    const person = await signUp(t, 'Nils Nynorsk')
    expect((await changeAs(t, person.email, 'profile.setLocale', { locale: 'nn' })).status).toBe('applied')
    const stored = await t.db
      .selectFrom('person')
      .select('locale')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(stored.locale).toBe('nn')
    const refused = await changeAs(t, person.email, 'profile.setLocale', { locale: 'sv' })
    expect(refused.problem?.errors?.[0]?.path).toEqual(['args', 'locale'])

    const network = await appNetwork(t, COORDINATOR, 'Nynorskfag', [person.email])
    const eventId = randomUUID()
    const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
    const event = {
      id: eventId,
      networkId: network.id,
      type: 'fagdag',
      title: 'Fagdag på nynorsk',
      description: '',
      startsAt,
      endsAt: startsAt,
      place: 'Ivar Aasen-tunet',
      city: 'Ørsta',
      capacity: 10,
      status: 'published',
      audience: 'members',
    }
    expect((await changeAs(t, COORDINATOR, 'event.save', { event })).status).toBe('applied')
    expect((await changeAs(t, person.email, 'registration.register', { eventId, answers: {} })).status).toBe('applied')
    await sendDueNotices(t.db, mailerTo(smtp, t.db), APP)
    const mail = smtp.mails.find((m) => m.subject === 'Du er påmeld: Fagdag på nynorsk')
    expect(mail?.text).toContain('Kan du ikkje kome likevel')
    expect(mail?.headers.get('content-language')).toBe('nn')

    await t.db
      .insertInto('pushSubscription')
      .values({
        id: randomUUID(),
        personId: person.id,
        endpoint: 'https://push.example/nynorsk',
        p256dh: 'BNbxGYNMhEIi9zrneh7mqV4oUanjLUK3m-mYZBc62frMKrEoMk88r3Lk596T0ck9xlT-G7eUsVA6QoLgFMNh_Ac',
        auth: 'aaaaaaaaaaaaaaaaaaaaaa',
        label: 'Telefon',
        createdAt: new Date().toISOString(),
        lastSuccessAt: null,
      })
      .execute()
    const payload = (body: string) => ({
      type: 'event.new' as const,
      id: eventId,
      title: 'Fagdag',
      body,
      url: `/e/${eventId}`,
    })
    await t.db.transaction().execute((trx) =>
      queuePushes(trx, {
        personIds: [person.id],
        networkId: network.id,
        topics: ['myEvents'],
        payload: { nb: payload('bokmål'), nn: payload('nynorsk'), en: payload('English') },
        urgency: 'high',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        collapseKey: `lang:${eventId}`,
        now: new Date().toISOString(),
      }),
    )
    const queued = await t.db.selectFrom('pushMessage').select('payload').where('topic', 'is not', null).execute()
    expect(queued.map((q) => JSON.parse(q.payload).body)).toContain('nynorsk')
  })
  it('keeps the language staff write a text in, shows it to members, and refuses a language the app lacks', async () => {
    const member = await signUp(t, 'Nora Nynorsklesar')
    const network = await appNetwork(t, COORDINATOR, 'Målform', [member.email])
    const patched = await changeAs(t, COORDINATOR, 'network.update', {
      networkId: network.id,
      patch: { purpose: 'Eit nettverk for alle som har studert målføre.', language: 'nn' },
    })
    expect(patched.status).toBe('applied')
    const startsAt = new Date(Date.now() + 14 * 86_400_000).toISOString()
    const event = {
      id: randomUUID(),
      networkId: network.id,
      type: 'social',
      title: 'Kveldstreff',
      description: 'Vi møtest på kaféen.',
      startsAt,
      endsAt: startsAt,
      place: 'Kaféen',
      city: 'Volda',
      capacity: null,
      status: 'published',
      language: 'nn',
    }
    expect((await changeAs(t, COORDINATOR, 'event.save', { event })).status).toBe('applied')
    const swedish = await changeAs(t, COORDINATOR, 'event.save', {
      event: { ...event, id: randomUUID(), language: 'sv' },
    })
    expect(swedish.status).toBe('rejected')
    expect(swedish.problem?.errors?.[0]?.path).toEqual(['args', 'event', 'language'])
    // An event saved without a language (an older phone's outbox) is taken as bokmål.
    const older = { ...event, id: randomUUID(), language: undefined }
    expect((await changeAs(t, COORDINATOR, 'event.save', { event: older })).status).toBe('applied')

    const { changes } = await pullEverything(t, member.cookie)
    const row = (id: string) => changes.findLast((c) => c.id === id)?.data as { language?: string } | undefined
    expect(row(network.id)?.language).toBe('nn')
    expect(row(event.id)?.language).toBe('nn')
    expect(row(older.id)?.language).toBe('nb')

    // A nynorsk issue to a bokmål reader: the chrome in bokmål, what staff wrote declared as nynorsk.
    const newsletterId = randomUUID()
    const saved = await changeAs(t, COORDINATOR, 'newsletter.save', {
      newsletter: {
        id: newsletterId,
        networkId: network.id,
        title: 'Nytt frå nettverket',
        blocks: [{ type: 'paragraph', text: 'Sjå programmet for hausten.' }],
        includeEvents: true,
        audience: { kind: 'network' },
        language: 'nn',
      },
    })
    expect(saved.status).toBe('applied')
    const preview = await t.request(`/api/newsletters/${newsletterId}/preview.html`, {
      cookie: await t.signIn(COORDINATOR),
    })
    const html = await preview.text()
    expect(html).toMatch(/<html lang="nb">/)
    expect(html).toMatch(/<div lang="nn">\n<h1[^>]*>Nytt frå nettverket<\/h1>/)
    // The list of upcoming events is the app's, so it stays outside the staff's language.
    expect(html.indexOf('Kveldstreff')).toBeGreaterThan(html.indexOf('</div>'))
  })
})
