import { Hono } from 'hono'
import { z } from 'zod'
import { sql } from 'kysely'
import type { AppEnv, Deps } from '../../context.ts'
import { describe } from '../../lib/validate.ts'
import { SCHEMA_VERSION } from '../../db/migrate.ts'
import { SYNC_PROTOCOL_VERSION } from '../../../shared/sync/version.ts'

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['sqlite', 'postgres']),
  schemaVersion: z.int(),
  protocolVersion: z.int(),
})

/** Liveness and what the server runs on. */
export function healthRoutes({ db, kind }: Deps) {
  return new Hono<AppEnv>().get(
    '/',
    describe({ summary: 'Server health, database kind and schema version', tags: ['health'], response: HealthSchema }),
    async (c) => {
      const isUp = await sql`select 1`.execute(db).then(
        () => true,
        () => false,
      )
      return c.json(
        {
          status: isUp ? 'ok' : 'degraded',
          database: kind,
          schemaVersion: SCHEMA_VERSION,
          protocolVersion: SYNC_PROTOCOL_VERSION,
        } as const,
        isUp ? 200 : 503,
      )
    },
  )
}
