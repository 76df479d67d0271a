import { localeOf } from '../../../shared/schemas/common.ts'
import { randomBytes } from 'node:crypto'
import { sha256 } from '../../lib/sha256.ts'
import { Hono } from 'hono'
import type { Selectable } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { IdSchema } from '../../../shared/schemas/common.ts'
import { CalendarFeedSchema } from '../../../shared/schemas/event.ts'
import { requirePerson } from '../session/session.ts'
import { calendarOf } from './calendar.ts'
import { toEvent } from './rows.ts'

const ICS = 'text/calendar; charset=utf-8'

/** "Add to calendar" for one event, and each person's calendar feed of the events they registered for. */
export function eventRoutes(deps: Deps) {
  const { db } = deps
  const appUrl = (requestUrl: string) => deps.config.publicUrl ?? new URL(requestUrl).origin

  const withNetworkNames = (rows: (Selectable<Database['event']> & { networkName: string })[]) =>
    rows.map((row) => ({ ...toEvent(row), networkName: row.networkName }))

  return new Hono<AppEnv>()
    .get(
      '/events/:id/ics',
      describe({ summary: 'One event as an iCalendar file (Europe/Oslo), to add to a calendar', tags: ['events'] }),
      validate('param', z.object({ id: IdSchema })),
      async (c) => {
        const { id } = c.req.valid('param')
        const row = await db
          .selectFrom('event')
          .innerJoin('network', 'network.id', 'event.networkId')
          .selectAll('event')
          .select('network.name as networkName')
          .where('event.id', '=', id)
          .where('event.status', '!=', 'draft')
          .executeTakeFirst()
        if (!row) throw new AppError('not-found', 'No such event')
        const [event] = withNetworkNames([row])
        c.header('content-type', ICS)
        c.header('content-disposition', `attachment; filename="${id}.ics"`)
        return c.body(calendarOf(event!.title, [event!], appUrl(c.req.url)).toString())
      },
    )
    .post(
      '/me/calendar',
      describe({
        summary: "A new secret address of the signed-in person's calendar feed (the old one stops working)",
        tags: ['events'],
        response: CalendarFeedSchema,
      }),
      async (c) => {
        const personId = requirePerson(c)
        const token = randomBytes(24).toString('base64url')
        await db
          .updateTable('person')
          .set({ calendarTokenHash: sha256(token) })
          .where('id', '=', personId)
          .execute()
        const url = `${appUrl(c.req.url)}/api/calendar/${token}.ics`
        return c.json({ url, webcalUrl: url.replace(/^https?:/, 'webcal:') })
      },
    )
    .get(
      '/calendar/:file',
      describe({
        summary: "A person's calendar feed: the events they registered or wait for (the address is the secret)",
        tags: ['events'],
      }),
      validate('param', z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) })),
      async (c) => {
        const token = c.req.valid('param').file.slice(0, -'.ics'.length)
        const person = await db
          .selectFrom('person')
          .select(['id', 'locale'])
          .where('calendarTokenHash', '=', sha256(token))
          .executeTakeFirst()
        if (!person) throw new AppError('not-found', 'No such calendar')
        const rows = await db
          .selectFrom('event')
          .innerJoin('network', 'network.id', 'event.networkId')
          .innerJoin('registration', 'registration.eventId', 'event.id')
          .selectAll('event')
          .select('network.name as networkName')
          .where('registration.personId', '=', person.id)
          .where('registration.status', 'in', ['registered', 'waitlisted'])
          .where('event.status', '!=', 'draft')
          .execute()
        c.header('content-type', ICS)
        c.header('cache-control', 'private, max-age=900')
        return c.body(
          calendarOf(
            { nb: 'Mine alumniarrangementer', nn: 'Alumniarrangementa mine', en: 'My alumni events' }[
              localeOf(person.locale)
            ],
            withNetworkNames(rows),
            appUrl(c.req.url),
          ).toString(),
        )
      },
    )
}
