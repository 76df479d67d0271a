import { randomUUID } from 'node:crypto'
import type { Db, DatabaseKind } from '../../db/schema.ts'
import type { Trx } from '../../sync/changeLog.ts'
import type { Mailer } from '../../lib/mail/mailer.ts'
import { eventNoticeMail, type EventNoticeKind } from '../../lib/mail/templates.ts'
import { backoffMs, claimDue } from '../../lib/queue.ts'
import { queueEventPushes } from '../push/eventPushes.ts'

const MAX_ATTEMPTS = 8
const BATCH = 20

/**
 * Queues a notice to people about an event, by mail and push, in the
 * transaction that caused it: a rolled-back change sends nothing, a committed
 * one is sent even if the server stops before sending (the queues are in the
 * database).
 */
export async function queueNotices(trx: Trx, kind: EventNoticeKind, eventId: string, personIds: string[], now: string): Promise<void> {
  if (personIds.length === 0) return
  for (let i = 0; i < personIds.length; i += 500) {
    await trx.insertInto('notice').values(personIds.slice(i, i + 500).map((personId) => ({ id: randomUUID(), personId, eventId, kind, createdAt: now, sendAfter: now }))).execute()
  }
  // The same news as a push to their phones (invitations and feedback requests go by mail only).
  const push = ({ promoted: 'promoted', eventCancelled: 'cancelled', eventChanged: 'changed', cohortInvite: null, feedbackRequest: null } as const)[kind]
  if (push) await queueEventPushes(trx, push, eventId, personIds, now)
}

/** When an event is, as its readers say it: "tirsdag 22. april kl. 10:00, Forskningsparken". */
function whenAndWhere(locale: 'nb' | 'en', startsAt: string, place: string): string {
  const when = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nb-NO', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(new Date(startsAt))
  return place ? `${when}, ${place}` : when
}

/** How long a claimed notice is held by the worker sending it before another may take it (a crash mid-send). */
const LEASE_MS = 5 * 60_000

/**
 * Sends the notices that are due, a batch at a time. Each is claimed first
 * (`claimDue`: leased, so several processes share the queue), then mailed outside any transaction (a slow mail server holds no lock),
 * then marked sent. A failed send is tried again later with a growing
 * pause, and given up after eight tries (the error is kept). A worker that
 * dies between mailing and marking leaves the notice to be sent again after
 * the lease: at least once, and once in every other case. Answers how many
 * were sent.
 */
export async function sendDueNotices(db: Db, kind: DatabaseKind, mailer: Mailer, appUrl: string, now = new Date()): Promise<number> {
  let sent = 0
  for (;;) {
    const claimed = await claimDue(db, kind, 'notice', { now, batch: BATCH, leaseMs: LEASE_MS, maxAttempts: MAX_ATTEMPTS })
    const batch = claimed.length ? await db.selectFrom('notice').select(['id', 'personId', 'eventId', 'kind']).where('id', 'in', claimed.map((c) => c.id)).execute() : []
    const attemptsOf = new Map(claimed.map((c) => [c.id, c.attempts]))
    for (const notice of batch) {
      const person = await db.selectFrom('person').select(['email', 'locale']).where('id', '=', notice.personId).executeTakeFirst()
      const event = await db.selectFrom('event').select(['title', 'startsAt', 'place']).where('id', '=', notice.eventId).executeTakeFirst()
      if (!person || !event) { await db.updateTable('notice').set({ sentAt: new Date().toISOString(), lastError: 'person or event gone' }).where('id', '=', notice.id).execute(); continue }
      const locale = person.locale === 'en' ? 'en' : 'nb'
      try {
        await mailer.send({ to: person.email, ...eventNoticeMail(locale, notice.kind as EventNoticeKind, event.title, whenAndWhere(locale, event.startsAt, event.place), `${appUrl}/e/${notice.eventId}${notice.kind === 'feedbackRequest' ? '#feedback' : ''}`), language: locale })
        await db.updateTable('notice').set({ sentAt: new Date().toISOString(), lastError: null }).where('id', '=', notice.id).execute()
        sent++
      } catch (error) {
        await db.updateTable('notice').set({ lastError: String(error).slice(0, 500), sendAfter: new Date(now.getTime() + backoffMs(attemptsOf.get(notice.id)!)).toISOString() }).where('id', '=', notice.id).execute()
      }
    }
    if (claimed.length < BATCH) return sent
  }
}
