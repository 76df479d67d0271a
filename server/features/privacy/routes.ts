import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { EmailSchema } from '../../../shared/schemas/common.ts'
import { endAllSessions, requirePerson } from '../session/session.ts'
import { exportPersonData } from './exportData.ts'
import { eraseAccount } from './erase.ts'

const DeleteAccountSchema = z.object({ confirmEmail: EmailSchema })

/** The person's own rights: download everything held, and delete the account. */
export function privacyRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get(
      '/export',
      describe({ summary: 'Everything held about the signed-in person, as JSON', tags: ['privacy'] }),
      async (c) => {
        const personId = requirePerson(c)
        const data = await exportPersonData(deps.db, personId)
        await deps.db
          .insertInto('auditLog')
          .values({
            at: data.exportedAt,
            actorId: personId,
            action: 'data.export',
            subjectId: personId,
            networkId: null,
          })
          .execute()
        c.header('content-disposition', `attachment; filename="alumni-data-${data.exportedAt.slice(0, 10)}.json"`)
        return c.json(data)
      },
    )
    .post(
      '/delete',
      describe({
        summary: "Erase the signed-in person's account everywhere (type the e-mail address to confirm)",
        tags: ['privacy'],
      }),
      validate('json', DeleteAccountSchema),
      async (c) => {
        const personId = requirePerson(c)
        const { confirmEmail } = c.req.valid('json')
        const person = await deps.db
          .selectFrom('person')
          .select('email')
          .where('id', '=', personId)
          .executeTakeFirstOrThrow()
        if (person.email !== confirmEmail.toLowerCase()) {
          throw new AppError('validation', 'Type your own e-mail address to confirm', [
            { path: ['body', 'confirmEmail'], message: 'does not match your address' },
          ])
        }
        await endAllSessions(c, deps, personId)
        await eraseAccount(deps.db, personId)
        return c.json({ ok: true })
      },
    )
}
