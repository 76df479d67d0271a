import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'

/** Keeps a reported barrier for the site's staff (once: a retried report with the same id is the same report). */
export async function reportBarrier(ctx: MutationContext, { report }: MutationArgs<'barrier.report'>): Promise<void> {
  const existing = await ctx.trx
    .selectFrom('barrierReport')
    .select('personId')
    .where('id', '=', report.id)
    .executeTakeFirst()
  if (existing && existing.personId !== ctx.personId) throw new AppError('conflict', 'This id is taken')
  if (existing) return
  await ctx.trx
    .insertInto('barrierReport')
    .values({ ...report, personId: ctx.personId, createdAt: ctx.now })
    .execute()
}
