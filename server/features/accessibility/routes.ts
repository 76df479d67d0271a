import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { BarrierReportEntrySchema } from '../../../shared/schemas/accessibility.ts'
import { requirePerson } from '../session/session.ts'
import { isSiteAdmin } from '../session/permissions.ts'

/** The barriers people reported, for the site's staff (site admins), newest first. */
export function accessibilityRoutes({ db }: Deps) {
  return new Hono<AppEnv>().get(
    '/barriers',
    describe({
      summary: 'Reported barriers (site admins)',
      tags: ['accessibility'],
      response: z.array(BarrierReportEntrySchema),
    }),
    async (c) => {
      if (!(await isSiteAdmin(db, requirePerson(c))))
        throw new AppError('forbidden', "Only the site's staff read the reported barriers")
      const rows = await db
        .selectFrom('barrierReport')
        .leftJoin('person', 'person.id', 'barrierReport.personId')
        .select([
          'barrierReport.id',
          'barrierReport.page',
          'barrierReport.description',
          'barrierReport.createdAt',
          'person.name as reporterName',
        ])
        .orderBy('barrierReport.createdAt', 'desc')
        .limit(500)
        .execute()
      return c.json(rows)
    },
  )
}
