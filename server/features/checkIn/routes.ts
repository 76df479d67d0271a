import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { csvFile } from '../../lib/csv.ts'
import { AppError } from '../../lib/problem.ts'
import { IdSchema } from '../../../shared/schemas/common.ts'
import { PendingWalkInSchema, VenueCodesSchema } from '../../../shared/schemas/checkIn.ts'
import { requirePerson } from '../session/session.ts'
import { canManageNetwork } from '../session/permissions.ts'
import { publicBaseUrl } from '../session/routes.ts'
import { signVenueCodes } from './venueCodes.ts'
import { pendingWalkIns } from './walkIns.ts'
import { queueNotices } from '../events/notices.ts'
import { activeMembersQuery } from '../networks/audience.ts'

const VENUE_CODE_MINUTES = 60

const FeedbackSummarySchema = z.object({
  responses: z.int(),
  average: z.number().nullable(),
  /** How many gave each rating, 1 to 5. */
  ratings: z.array(z.int()).length(5),
  comments: z.array(z.object({ rating: z.int(), comment: z.string(), createdAt: z.string() })),
})

/** The door's venue codes, cohort invitations, and what staff get after the event: the attendance export and the feedback. */
export function checkInRoutes(deps: Deps) {
  const { db } = deps

  /** The event, when the person runs its network; refused otherwise. */
  async function staffEvent(personId: string, eventId: string) {
    const event = await db
      .selectFrom('event')
      .select(['id', 'networkId', 'title', 'status', 'questions'])
      .where('id', '=', eventId)
      .executeTakeFirst()
    if (!event) throw new AppError('not-found', 'No such event')
    if (!(await canManageNetwork(db, personId, event.networkId)))
      throw new AppError('forbidden', "Only the network's board and staff see this")
    return event
  }

  return new Hono<AppEnv>()
    .get(
      '/events/:id/venue-codes',
      describe({
        summary: 'Signed venue codes for the coming hour, one per minute, for the self check-in screen at the door',
        tags: ['check-in'],
        response: VenueCodesSchema,
      }),
      validate('param', z.object({ id: IdSchema })),
      async (c) => {
        const event = await staffEvent(requirePerson(c), c.req.valid('param').id)
        if (event.status !== 'published') throw new AppError('conflict', 'Only a published event has a door')
        return c.json(await signVenueCodes(db, event.id, publicBaseUrl(c, deps), new Date(), VENUE_CODE_MINUTES))
      },
    )
    .get(
      '/me/walk-ins',
      describe({
        summary: "Walk-ins registered at a door under the signed-in person's address, not yet answered",
        tags: ['check-in'],
        response: z.array(PendingWalkInSchema),
      }),
      async (c) => c.json(await pendingWalkIns(db, requirePerson(c))),
    )
    .get(
      '/events/:id/attendance.csv',
      describe({ summary: 'Who registered and who came, as CSV (the export is logged)', tags: ['check-in'] }),
      validate('param', z.object({ id: IdSchema })),
      async (c) => {
        const personId = requirePerson(c)
        const event = await staffEvent(personId, c.req.valid('param').id)
        const questions = JSON.parse(event.questions) as { id: string; label: string }[]
        const rows = await db
          .selectFrom('registration')
          .innerJoin('person', 'person.id', 'registration.personId')
          .select([
            'registration.id',
            'person.name',
            'registration.status',
            'registration.createdAt',
            'registration.answers',
          ])
          .where('registration.eventId', '=', event.id)
          .orderBy('person.name')
          .execute()
        const scans = await db
          .selectFrom('checkIn')
          .select(['registrationId', 'correctedAt', 'method', 'verdict'])
          .where('eventId', '=', event.id)
          .execute()
        const admitted = new Map(scans.filter((s) => s.verdict === 'admitted').map((s) => [s.registrationId, s]))
        const duplicates = new Map<string, number>()
        for (const s of scans)
          if (s.verdict === 'duplicate') duplicates.set(s.registrationId, (duplicates.get(s.registrationId) ?? 0) + 1)
        const header = [
          'name',
          'status',
          'registered_at',
          'checked_in_at',
          'check_in_method',
          'duplicate_scans',
          ...questions.map((q) => q.label),
        ]
        const body = rows.map((r) => {
          const answers = JSON.parse(r.answers) as Record<string, string>
          const entry = admitted.get(r.id)
          return [
            r.name,
            r.status,
            r.createdAt,
            entry?.correctedAt ?? '',
            entry?.method ?? '',
            duplicates.get(r.id) ?? 0,
            ...questions.map((q) => answers[q.id] ?? ''),
          ]
        })
        await db
          .insertInto('auditLog')
          .values({
            at: new Date().toISOString(),
            actorId: personId,
            action: 'event.attendanceExport',
            subjectId: event.id,
            networkId: event.networkId,
          })
          .execute()
        c.header('content-type', 'text/csv; charset=utf-8')
        c.header('content-disposition', `attachment; filename="attendance-${event.id}.csv"`)
        return c.body(csvFile([header, ...body]))
      },
    )
    .get(
      '/events/:id/feedback',
      describe({
        summary: 'Ratings and comments from those who came, without names',
        tags: ['check-in'],
        response: FeedbackSummarySchema,
      }),
      validate('param', z.object({ id: IdSchema })),
      async (c) => {
        const event = await staffEvent(requirePerson(c), c.req.valid('param').id)
        const rows = await db
          .selectFrom('feedback')
          .select(['rating', 'comment', 'createdAt'])
          .where('eventId', '=', event.id)
          .orderBy('createdAt', 'desc')
          .execute()
        const ratings = [1, 2, 3, 4, 5].map((n) => rows.filter((r) => r.rating === n).length)
        const average = rows.length ? rows.reduce((sum, r) => sum + r.rating, 0) / rows.length : null
        return c.json({ responses: rows.length, average, ratings, comments: rows.filter((r) => r.comment) })
      },
    )
    .post(
      '/events/:id/cohort-invitations',
      describe({
        summary:
          "Invites the network's members who graduated in a year to the event (a cohort reunion), by mail; answers how many, never who",
        tags: ['events'],
        response: z.object({ invited: z.int() }),
      }),
      validate('param', z.object({ id: IdSchema })),
      validate('json', z.object({ graduationYear: z.int().min(1900).max(2100) })),
      async (c) => {
        const personId = requirePerson(c)
        const event = await staffEvent(personId, c.req.valid('param').id)
        if (event.status !== 'published') throw new AppError('conflict', 'Publish the event before inviting to it')
        const { graduationYear } = c.req.valid('json')
        const now = new Date().toISOString()
        const invited = await db.transaction().execute(async (trx) => {
          const cohort = await activeMembersQuery(trx, event.networkId, graduationYear)
            // Once per person and event, and not those already registered.
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('notice')
                    .select('notice.id')
                    .whereRef('notice.personId', '=', 'person.id')
                    .where('notice.eventId', '=', event.id)
                    .where('notice.kind', '=', 'cohortInvite'),
                ),
              ),
            )
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('registration')
                    .select('registration.id')
                    .whereRef('registration.personId', '=', 'person.id')
                    .where('registration.eventId', '=', event.id)
                    .where('registration.status', 'in', ['registered', 'waitlisted']),
                ),
              ),
            )
            .execute()
          await queueNotices(
            trx,
            'cohortInvite',
            event.id,
            cohort.map((p) => p.id),
            now,
          )
          await trx
            .insertInto('auditLog')
            .values({
              at: now,
              actorId: personId,
              action: 'event.cohortInvite',
              subjectId: event.id,
              networkId: event.networkId,
              details: JSON.stringify({ graduationYear, invited: cohort.length }),
            })
            .execute()
          return cohort.length
        })
        return c.json({ invited })
      },
    )
    .post(
      '/events/:id/feedback-requests',
      describe({
        summary:
          'Mails a feedback form to everyone who came and has not answered yet (through the mail queue); answers how many',
        tags: ['check-in'],
        response: z.object({ sent: z.int() }),
      }),
      validate('param', z.object({ id: IdSchema })),
      async (c) => {
        const personId = requirePerson(c)
        const event = await staffEvent(personId, c.req.valid('param').id)
        const now = new Date().toISOString()
        const sent = await db.transaction().execute(async (trx) => {
          const recipients = await trx
            .selectFrom('checkIn')
            .innerJoin('registration', 'registration.id', 'checkIn.registrationId')
            .select('registration.personId')
            .where('checkIn.eventId', '=', event.id)
            .where('checkIn.verdict', '=', 'admitted')
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('feedback')
                    .select('feedback.id')
                    .whereRef('feedback.personId', '=', 'registration.personId')
                    .where('feedback.eventId', '=', event.id),
                ),
              ),
            )
            .execute()
          await queueNotices(
            trx,
            'feedbackRequest',
            event.id,
            recipients.map((r) => r.personId),
            now,
          )
          await trx
            .insertInto('auditLog')
            .values({
              at: now,
              actorId: personId,
              action: 'event.feedbackRequest',
              subjectId: event.id,
              networkId: event.networkId,
            })
            .execute()
          return recipients.length
        })
        return c.json({ sent })
      },
    )
}
