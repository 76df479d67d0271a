import { localeOf, type Locale } from '../../../shared/schemas/common.ts'
import { randomUUID } from 'node:crypto'
import type { Db } from '../../db/schema.ts'
import type { Trx } from '../../sync/changeLog.ts'
import { MAIL_CONNECTIONS, type Mail, type Mailer } from '../../lib/mail/mailer.ts'
import { eventNoticeMail, type EventNoticeKind, type MailTicket } from '../../lib/mail/templates.ts'
import { drainQueue } from '../../lib/queue.ts'
import { qrPng } from '../../lib/qrPng.ts'
import { registrationId } from '../../../shared/ids.ts'
import { formatShortCode, ticketShortCode } from '../../../shared/ticketCode.ts'
import { calendarOf } from './calendar.ts'
import { toEvent } from './rows.ts'
import { signTicket } from './tickets.ts'
import { queueEventPushes } from '../notifications/eventPushes.ts'
import { formatInOslo } from '../../../shared/osloTime.ts'

const MAX_ATTEMPTS = 8
const BATCH = 20

/**
 * Queues a notice to people about an event, by mail and push, in the
 * transaction that caused it: a rolled-back change sends nothing, a committed
 * one is sent even if the server stops before sending (the queues are in the
 * database).
 */
export async function queueNotices(
  trx: Trx,
  kind: EventNoticeKind,
  eventId: string,
  personIds: string[],
  now: string,
): Promise<void> {
  if (personIds.length === 0) return
  for (let i = 0; i < personIds.length; i += 500) {
    await trx
      .insertInto('notice')
      .values(
        personIds
          .slice(i, i + 500)
          .map((personId) => ({ id: randomUUID(), personId, eventId, kind, createdAt: now, sendAfter: now })),
      )
      .execute()
  }
  // The same news as a push to their phones (invitations and feedback requests go by mail only).
  // A confirmation goes to the person who just registered on their phone; the reminder's push is queued on its own.
  const push = (
    {
      registered: null,
      reminder: null,
      promoted: 'promoted',
      eventCancelled: 'cancelled',
      eventChanged: 'changed',
      cohortInvite: null,
      feedbackRequest: null,
    } as const
  )[kind]
  if (push) await queueEventPushes(trx, push, eventId, personIds, now)
}

/** When an event is, as its readers say it: "tirsdag 22. april kl. 10:00, Forskningsparken". */
function whenAndWhere(locale: Locale, startsAt: string, place: string): string {
  const when = formatInOslo(startsAt, locale, { dateStyle: 'full', timeStyle: 'short' })
  return place ? `${when}, ${place}` : when
}

/** How long a claimed notice is held by the worker sending it before another may take it (a crash mid-send). */
const LEASE_MS = 5 * 60_000

/** The notices that carry the reader's ticket and the event's calendar file. */
const WITH_TICKET = new Set<EventNoticeKind>(['registered', 'promoted', 'reminder'])

/**
 * Sends the notices that are due (`drainQueue`: claimed, mailed outside any
 * transaction, marked; retried with backoff; at least once). A confirmation,
 * a promotion and a reminder carry the ticket as it is now (the same signed
 * code as on the phone, as an image, with its short code) and the calendar
 * file. Answers how many were sent.
 */
export async function sendDueNotices(db: Db, mailer: Mailer, appUrl: string, now = new Date()): Promise<number> {
  return drainQueue(db, 'notice', {
    now,
    concurrency: MAIL_CONNECTIONS,
    marks: 'each',
    batch: BATCH,
    leaseMs: LEASE_MS,
    maxAttempts: MAX_ATTEMPTS,
    load: (ids) =>
      db.selectFrom('notice').select(['id', 'personId', 'eventId', 'kind']).where('id', 'in', ids).execute(),
    send: async (notice) => {
      const person = await db
        .selectFrom('person')
        .select(['email', 'locale'])
        .where('id', '=', notice.personId)
        .executeTakeFirst()
      const row = await db.selectFrom('event').selectAll().where('id', '=', notice.eventId).executeTakeFirst()
      if (!person || !row) return 'nothing'
      const event = toEvent(row)
      const locale = localeOf(person.locale)
      const noticeKind = notice.kind as EventNoticeKind
      const registration = WITH_TICKET.has(noticeKind)
        ? await db
            .selectFrom('registration')
            .select(['ticketId', 'eventId', 'ticketSerial', 'status'])
            .where('id', '=', registrationId(event.id, notice.personId))
            .executeTakeFirst()
        : undefined
      // A place lost since the notice was queued (cancelled again): no ticket, and no confirmation of it.
      if (WITH_TICKET.has(noticeKind) && registration?.status !== 'registered') return 'nothing'
      const attachments: NonNullable<Mail['attachments']> = []
      let ticket: MailTicket | undefined
      if (registration?.ticketId) {
        const code = await signTicket(db, { ...registration, ticketId: registration.ticketId })
        ticket = {
          shortCode: formatShortCode(ticketShortCode(registration.ticketId)),
          imageCid: 'ticket@alumni-network',
        }
        attachments.push({
          filename: 'billett.png',
          content: qrPng(code),
          contentType: 'image/png',
          cid: ticket.imageCid,
        })
        const network = await db
          .selectFrom('network')
          .select('name')
          .where('id', '=', event.networkId)
          .executeTakeFirst()
        const calendar = calendarOf(event.title, [{ ...event, networkName: network?.name ?? '' }], appUrl).toString()
        attachments.push({
          filename: `${event.id}.ics`,
          content: calendar,
          contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
        })
      }
      const link = `${appUrl}/e/${notice.eventId}${noticeKind === 'feedbackRequest' ? '#feedback' : ''}`
      const mail = eventNoticeMail(
        locale,
        noticeKind,
        event.title,
        whenAndWhere(locale, event.startsAt, event.place),
        link,
        ticket,
      )
      await mailer.send({ to: person.email, ...mail, language: locale, ...(attachments.length ? { attachments } : {}) })
      return 'sent'
    },
  })
}
