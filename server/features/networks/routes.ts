import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { NetworkSchema, BoardSeatSchema } from '../../../shared/schemas/network.ts'
import { toBoardSeat, toNetwork } from './rows.ts'

const NetworkPageSchema = z.object({ network: NetworkSchema, board: z.array(BoardSeatSchema) })

/**
 * Read-only network pages over plain HTTP, for links shared outside the app
 * and for integrations. The app itself reads them from its synced copy.
 */
export function networkRoutes({ db }: Deps) {
  return new Hono<AppEnv>()
    .get(
      '/',
      describe({ summary: 'Every network', tags: ['networks'], response: z.array(NetworkSchema) }),
      async (c) => {
        const rows = await db.selectFrom('network').selectAll().orderBy('name').execute()
        return c.json(rows.map(toNetwork))
      },
    )
    .get(
      '/:slug',
      describe({ summary: "A network's public page", tags: ['networks'], response: NetworkPageSchema }),
      validate('param', z.object({ slug: NetworkSchema.shape.slug })),
      async (c) => {
        const { slug } = c.req.valid('param')
        const row = await db.selectFrom('network').selectAll().where('slug', '=', slug).executeTakeFirst()
        if (!row) throw new AppError('not-found', 'No network has this address')
        const board = await db
          .selectFrom('boardSeat')
          .selectAll()
          .where('networkId', '=', row.id)
          .orderBy('termStart')
          .execute()
        return c.json({ network: toNetwork(row), board: board.map(toBoardSeat) })
      },
    )
}
