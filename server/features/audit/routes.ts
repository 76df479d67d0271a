import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { IdSchema } from '../../../shared/schemas/common.ts'
import { AuditEntrySchema } from '../../../shared/schemas/audit.ts'
import { requirePerson } from '../session/session.ts'
import { canManageNetwork } from '../session/permissions.ts'

/**
 * A network's access log for those who run it: whole-directory reads (by
 * staff and by members), profiles staff opened, education they confirmed,
 * decisions, imports, and accounts stopped for reading faster than a person
 * could (the network's directory, or profiles by one of its members).
 */
export function auditRoutes({ db }: Deps) {
  return new Hono<AppEnv>().get(
    '/:networkId/audit',
    describe({
      summary: "The network's access log (staff), newest first",
      tags: ['networks'],
      response: z.array(AuditEntrySchema),
    }),
    validate('param', z.object({ networkId: IdSchema })),
    validate('query', z.object({ before: z.iso.datetime().optional() })),
    async (c) => {
      const personId = requirePerson(c)
      const { networkId } = c.req.valid('param')
      const { before } = c.req.valid('query')
      if (!(await canManageNetwork(db, personId, networkId)))
        throw new AppError('forbidden', "Only the network's staff read its access log")
      const members = db
        .selectFrom('membership')
        .select('personId')
        .where('networkId', '=', networkId)
        .where('status', '=', 'active')
      const rows = await db
        .selectFrom('auditLog')
        .leftJoin('person', 'person.id', 'auditLog.actorId')
        .select(['auditLog.at', 'auditLog.action', 'auditLog.details', 'person.name as actorName'])
        .where((eb) =>
          eb.or([
            eb('auditLog.networkId', '=', networkId),
            eb.and([
              eb('auditLog.action', '=', 'read.limited'),
              eb('auditLog.networkId', 'is', null),
              eb('auditLog.actorId', 'in', members),
            ]),
          ]),
        )
        .$if(before !== undefined, (q) => q.where('auditLog.at', '<', before!))
        .orderBy('auditLog.at', 'desc')
        .limit(200)
        .execute()
      return c.json(
        rows.map((r) => ({
          at: r.at,
          action: r.action,
          actorName: r.actorName,
          details: JSON.parse(r.details) as Record<string, unknown>,
        })),
      )
    },
  )
}
