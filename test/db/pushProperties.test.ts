import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { sql } from 'kysely'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, protocolVersion, type TestApp } from '../helpers/testApp.ts'
import { pushMutations } from '../../server/sync/push.ts'
import { MUTATION_HANDLERS, type HandlerTable } from '../../server/sync/handlers.ts'
import type { Mutation } from '../../shared/sync/protocol.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

/**
 * The push handler under arbitrary delivery: batches resent, reordered,
 * truncated, with gaps. Whatever arrives, each mutation takes effect at most
 * once, in id order, and the server's last id is the longest prefix delivered.
 */
describe.each(TEST_DATABASES)('push handler properties on %s', (kind) => {
  let t: TestApp
  let run = 0
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  // A counting wrapper: every application writes a row in the same transaction, so one
  // that rolled back leaves no count and one applied twice leaves two.
  const countingHandlers: HandlerTable = {
    ...MUTATION_HANDLERS,
    'profile.update': async (ctx, args) => {
      await sql`insert into meta (key, value) values (${`applied:${args.patch.bio}:${ctx.now}:${Math.random()}`}, ${args.patch.bio ?? ''})`.execute(
        ctx.trx,
      )
      await MUTATION_HANDLERS['profile.update'](ctx, args)
    },
  }

  const mutation = (clientId: string, id: number): Mutation => ({
    id,
    name: 'profile.update',
    args: { patch: { bio: `${clientId}#${id}` } },
  })

  it('applies each delivered mutation exactly once, in order, whatever the delivery', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        async (count, deliveries) => {
          const clientId = `prop-${kind}-${++run}`
          let expectedLast = 0
          for (const ids of deliveries) {
            // A device always sends increasing ids; the network may lose, repeat or cut batches.
            const batch = [...new Set(ids.filter((id) => id <= count))].sort((a, b) => a - b)
            const response = await pushMutations(
              t.db,
              labelledId('p-demo-alumn'),
              { clientId, protocolVersion, mutations: batch.map((id) => mutation(clientId, id)) },
              { handlers: countingHandlers },
            )
            for (const id of batch) {
              if (id === expectedLast + 1) expectedLast = id
            }
            expect(response.lastMutationId).toBe(expectedLast)
            expect(response.results.every((r) => r.status === 'applied')).toBe(true)
          }
          const applied = await t.db
            .selectFrom('meta')
            .select('value')
            .where('value', 'like', `${clientId}#%`)
            .execute()
          const appliedIds = applied.map((r) => Number(r.value.split('#')[1])).sort((a, b) => a - b)
          expect(appliedIds).toEqual(Array.from({ length: expectedLast }, (_, i) => i + 1))
          const person = await t.db
            .selectFrom('person')
            .select('bio')
            .where('id', '=', labelledId('p-demo-alumn'))
            .executeTakeFirstOrThrow()
          if (expectedLast > 0) expect(person.bio).toBe(`${clientId}#${expectedLast}`)
        },
      ),
      { numRuns: kind === 'postgres' ? 40 : 80 },
    )
  })
})
