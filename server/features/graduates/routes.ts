import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { IdSchema } from '../../../shared/schemas/common.ts'
import { GraduateImportReportSchema, GraduateImportRequestSchema } from '../../../shared/schemas/graduates.ts'
import { requirePerson } from '../session/session.ts'
import { isInstitutionStaff } from '../session/permissions.ts'
import { importGraduates } from './importGraduates.ts'

const InstitutionParam = z.object({ institutionId: IdSchema })

/** An institution's staff import its graduate lists: a dry run first, then for real. */
export function graduateRoutes(deps: Deps) {
  return new Hono<AppEnv>().post(
    '/:institutionId/graduates/import',
    describe({
      summary:
        'Import a graduate list as the student register exports it (CSV); a dry run writes nothing (institution staff)',
      tags: ['graduates'],
      response: GraduateImportReportSchema,
    }),
    validate('param', InstitutionParam),
    validate('json', GraduateImportRequestSchema),
    async (c) => {
      const personId = requirePerson(c)
      const { institutionId } = c.req.valid('param')
      const exists = await deps.db
        .selectFrom('institution')
        .select('id')
        .where('id', '=', institutionId)
        .executeTakeFirst()
      if (!exists) throw new AppError('not-found', 'No such institution')
      if (!(await isInstitutionStaff(deps.db, personId, institutionId)))
        throw new AppError('forbidden', "Only the institution's own staff import its graduates")
      const { csv, dryRun } = c.req.valid('json')
      let report
      try {
        report = await importGraduates(deps.db, institutionId, csv, { dryRun })
      } catch (error) {
        if (error instanceof AppError) throw error
        if ((error as { code?: string }).code?.startsWith('CSV_'))
          throw new AppError('validation', `The file could not be read as CSV: ${(error as Error).message}`, [
            { path: ['body', 'csv'], message: 'unreadable CSV' },
          ])
        throw error
      }
      if (!dryRun)
        await deps.db
          .insertInto('auditLog')
          .values({
            at: new Date().toISOString(),
            actorId: personId,
            action: 'graduates.imported',
            subjectId: institutionId,
            networkId: null,
            details: JSON.stringify(report.counts),
          })
          .execute()
      return c.json(report)
    },
  )
}
