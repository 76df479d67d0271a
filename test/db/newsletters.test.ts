import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { changeAs, createTestApp, pullEverything, type TestApp } from '../helpers/testApp.ts'
import { mailerTo, startSmtpCapture, type SmtpCapture } from '../helpers/smtpCapture.ts'
import type { Mailer } from '../../server/lib/mail/mailer.ts'
import { dispatchDueNewsletters, sendDueNewsletterMails } from '../../server/features/newsletters/send.ts'
import { NewsletterSchema } from '../../shared/schemas/newsletter.ts'
import { networkMembersScope, networkStaffScope } from '../../shared/sync/scopes.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

const APP = 'http://localhost'

/** Newsletters: written and scheduled by staff, mailed with both parts and one-click unsubscribe, archived for members, counted. */
describe.each(TEST_DATABASES)('newsletters on %s', (kind) => {
  let t: TestApp
  let smtp: SmtpCapture
  let mailer: Mailer
  beforeAll(async () => {
    smtp = await startSmtpCapture()
    t = await createTestApp(kind, { members: 0 })
    mailer = mailerTo(smtp, t.db)
  })
  afterAll(async () => {
    await t.close()
    await smtp.close()
  })

  const issue = (title: string, extra: object = {}) => ({
    id: randomUUID(),
    networkId: labelledId('net-ximk'),
    title,
    includeEvents: true,
    audience: { kind: 'network' },
    blocks: [
      { type: 'heading', text: 'Hva skjer i vår' },
      { type: 'paragraph', text: 'Fagdagen nærmer seg. <script>alert(1)</script>' },
      { type: 'link', label: 'Les mer på uio.no', url: 'https://www.uio.no/' },
      { type: 'image', url: 'https://www.uio.no/bilde.jpg', alt: 'Studenter på Blindern' },
    ],
    ...extra,
  })
  async function sendNow(newsletter: ReturnType<typeof issue>) {
    expect((await changeAs(t, 'admin@demo.example', 'newsletter.save', { newsletter })).status).toBe('applied')
    expect(
      (await changeAs(t, 'admin@demo.example', 'newsletter.schedule', { newsletterId: newsletter.id, at: null }))
        .status,
    ).toBe('applied')
    expect(await dispatchDueNewsletters(t.db)).toBe(1)
    return sendDueNewsletterMails(t.db, mailer, APP)
  }
  const mailsTitled = (title: string) => smtp.mails.filter((m) => m.subject === title)
  /** A header as sent (mailparser folds the List-* headers into one structure; the raw line is what clients read). */
  const rawHeader = (mail: SmtpCapture['mails'][number], name: string) =>
    mail.headerLines
      .find((h) => h.key === name)
      ?.line.slice(name.length + 1)
      .trim()
  const recipientsOf = (title: string) =>
    mailsTitled(title)
      .map((m) => (m.to && 'text' in m.to ? m.to.text : ''))
      .sort()

  it('mails every member a plain-text and an HTML part with one-click unsubscribe headers, escaping what staff wrote', async () => {
    const first = issue('Nyhetsbrev 1')
    expect(await sendNow(first)).toBe(3)
    expect(recipientsOf('Nyhetsbrev 1')).toEqual(['admin@demo.example', 'alumn@demo.example', 'styre@demo.example'])
    const mail = mailsTitled('Nyhetsbrev 1').find((m) => m.to && 'text' in m.to && m.to.text === 'alumn@demo.example')!
    expect(mail.text).toContain('## Hva skjer i vår')
    expect(mail.text).toContain('Les mer på uio.no: https://www.uio.no/')
    expect(mail.text).toContain('Kommende arrangementer')
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(mail.html).not.toContain('<script>')
    expect(mail.html).toContain('alt="Studenter på Blindern"')
    expect(rawHeader(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    expect(rawHeader(mail, 'list-unsubscribe')).toMatch(
      /^<http:\/\/localhost\/api\/newsletters\/unsubscribe\/[A-Za-z0-9_-]+>$/,
    )
  })

  it('unsubscribes with one click, without signing in, and leaves the person out of the next issue', async () => {
    const mail = mailsTitled('Nyhetsbrev 1').find((m) => m.to && 'text' in m.to && m.to.text === 'alumn@demo.example')!
    const url = new URL(rawHeader(mail, 'list-unsubscribe')!.slice(1, -1))
    // As a mail provider does it (RFC 8058): a POST with that body, no cookie, no origin.
    const res = await t.request(url.pathname, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: '' },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ network: 'X-IMK – alumninettverket for medier og kommunikasjon' })
    expect(
      (await t.request('/api/newsletters/unsubscribe/not-a-real-token-at-all-123', { method: 'POST' })).status,
    ).toBe(404)
    expect(await sendNow(issue('Nyhetsbrev 2'))).toBe(2)
    expect(recipientsOf('Nyhetsbrev 2')).toEqual(['admin@demo.example', 'styre@demo.example'])
  })

  it("keeps drafts with staff, puts sent issues in members' archive without the figures, and counts opens once", async () => {
    const draft = issue('Utkast')
    await changeAs(t, 'admin@demo.example', 'newsletter.save', { newsletter: draft })
    const first = await t.db
      .selectFrom('newsletter')
      .select('id')
      .where('title', '=', 'Nyhetsbrev 1')
      .executeTakeFirstOrThrow()
    expect((await changeAs(t, 'alumn@demo.example', 'newsletter.open', { newsletterId: first.id })).status).toBe(
      'applied',
    )
    expect((await changeAs(t, 'alumn@demo.example', 'newsletter.open', { newsletterId: first.id })).status).toBe(
      'applied',
    )
    const member = await pullEverything(t, await t.signIn('alumn@demo.example'))
    const archive = member.changes
      .filter((c) => c.entity === 'newsletter' && c.op === 'put')
      .map((c) => NewsletterSchema.parse(c.data))
    expect(archive.map((n) => n.title).sort()).toEqual(['Nyhetsbrev 1', 'Nyhetsbrev 2'])
    expect(archive.every((n) => n.stats === null && n.status === 'sent')).toBe(true)
    expect(
      member.changes
        .filter((c) => c.entity === 'newsletter')
        .every((c) => c.scope === networkMembersScope(labelledId('net-ximk'))),
    ).toBe(true)
    const staff = await pullEverything(t, await t.signIn('admin@demo.example'))
    const staffView = staff.changes
      .filter((c) => c.entity === 'newsletter' && c.scope === networkStaffScope(labelledId('net-ximk')))
      .map((c) => NewsletterSchema.parse(c.data))
    expect(staffView.find((n) => n.title === 'Utkast')).toMatchObject({
      status: 'draft',
      stats: { recipients: 0, delivered: 0, opened: 0 },
    })
    expect(staffView.find((n) => n.title === 'Nyhetsbrev 1')).toMatchObject({
      status: 'sent',
      stats: { recipients: 3, delivered: 3, opened: 1 },
    })
  })

  it('sends a scheduled issue only when it is due, to a cohort when asked, and refuses members and edits after sending', async () => {
    const later = issue('Kullbrev 2016', { audience: { kind: 'cohort', graduationYear: 2016 } })
    await changeAs(t, 'admin@demo.example', 'newsletter.save', { newsletter: later })
    const at = new Date(Date.now() + 3_600_000).toISOString()
    await changeAs(t, 'admin@demo.example', 'newsletter.schedule', { newsletterId: later.id, at })
    expect(await dispatchDueNewsletters(t.db)).toBe(0)
    expect(await dispatchDueNewsletters(t.db, new Date(Date.now() + 2 * 3_600_000))).toBe(1)
    await sendDueNewsletterMails(t.db, mailer, APP)
    // Only 2016 graduates (by profile or education); Ola Nordmann is one, but unsubscribed above.
    const cohort = recipientsOf('Kullbrev 2016')
    expect(cohort).not.toContain('alumn@demo.example')
    expect(cohort).not.toContain('styre@demo.example')
    for (const email of cohort) {
      const person = await t.db
        .selectFrom('person')
        .select(['id', 'graduationYear'])
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
      const educations = await t.db
        .selectFrom('education')
        .select('graduationYear')
        .where('personId', '=', person.id)
        .execute()
      expect([person.graduationYear, ...educations.map((e) => e.graduationYear)]).toContain(2016)
    }
    expect(
      await t.db.selectFrom('newsletter').select('recipients').where('id', '=', later.id).executeTakeFirstOrThrow(),
    ).toEqual({ recipients: cohort.length })
    expect(
      (await changeAs(t, 'admin@demo.example', 'newsletter.save', { newsletter: { ...later, title: 'Endret' } }))
        .problem?.type,
    ).toMatch(/conflict/)
    expect(
      (await changeAs(t, 'alumn@demo.example', 'newsletter.save', { newsletter: issue('Fra et medlem') })).problem
        ?.type,
    ).toMatch(/forbidden/)
    const bad = await changeAs(t, 'admin@demo.example', 'newsletter.save', {
      newsletter: { ...issue('Dårlig lenke'), blocks: [{ type: 'link', label: 'Klikk', url: 'javascript:alert(1)' }] },
    })
    expect(bad.problem?.errors?.[0]?.path).toEqual(['args', 'newsletter', 'blocks', 0, 'url'])
  })

  it('lets a student subscribe before graduating, and a member turn the newsletter off by e-mail from the settings', async () => {
    const now = new Date().toISOString()
    await t.db
      .insertInto('person')
      .values({
        id: labelledId('p-student'),
        email: 'student@example.org',
        name: 'Stine Student',
        graduationYear: null,
        programme: null,
        employer: null,
        title: null,
        city: null,
        linkedinUrl: null,
        bio: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute()
    expect(
      (
        await changeAs(t, 'student@example.org', 'education.add', {
          education: {
            id: labelledId('e-student'),
            institutionId: 'uio',
            programme: 'Medievitenskap',
            degree: 'bachelor',
            status: 'student',
            graduationYear: null,
            credits: 120,
          },
        })
      ).status,
    ).toBe('applied')
    expect(
      (
        await changeAs(t, 'student@example.org', 'newsletter.subscribe', {
          networkId: labelledId('net-ximk'),
          isOn: true,
        })
      ).status,
    ).toBe('applied')
    expect(
      (
        await changeAs(t, 'koordinator@demo.example', 'newsletter.subscribe', {
          networkId: labelledId('net-ximk'),
          isOn: true,
        })
      ).problem?.type,
    ).toMatch(/forbidden/)
    expect(
      (
        await changeAs(t, 'styre@demo.example', 'notifications.update', {
          settings: { networks: {}, quietHours: null, newsletterEmailOff: [labelledId('net-ximk')] },
        })
      ).status,
    ).toBe('applied')
    await sendNow(issue('Nyhetsbrev 3'))
    expect(recipientsOf('Nyhetsbrev 3')).toEqual(['admin@demo.example', 'student@example.org'])
    const board = await pullEverything(t, await t.signIn('styre@demo.example'))
    expect(board.changes.findLast((c) => c.entity === 'notificationSettings')!.data).toMatchObject({
      newsletterEmailOff: [labelledId('net-ximk')],
    })
    // The alumnus unsubscribed by the mail's link earlier: their settings say so too.
    const alumn = await pullEverything(t, await t.signIn('alumn@demo.example'))
    expect(alumn.changes.findLast((c) => c.entity === 'notificationSettings')!.data).toMatchObject({
      newsletterEmailOff: [labelledId('net-ximk')],
    })
  })

  it('sends to the members who follow a sub-group, and only members may follow', async () => {
    const group = await t.db
      .selectFrom('networkGroup')
      .select('id')
      .where('networkId', '=', labelledId('net-ximk'))
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow()
    expect((await changeAs(t, 'admin@demo.example', 'group.follow', { groupId: group.id, isOn: true })).status).toBe(
      'applied',
    )
    expect(
      (await changeAs(t, 'koordinator@demo.example', 'group.follow', { groupId: group.id, isOn: true })).problem?.type,
    ).toMatch(/forbidden/)
    await sendNow(issue('Gruppebrev', { audience: { kind: 'group', groupId: group.id } }))
    expect(recipientsOf('Gruppebrev')).toEqual(['admin@demo.example'])
    const admin = await pullEverything(t, await t.signIn('admin@demo.example'))
    expect(admin.changes.findLast((c) => c.entity === 'notificationSettings')!.data).toMatchObject({
      followedGroups: [group.id],
    })
  })
})
