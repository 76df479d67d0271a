import { randomUUID } from 'node:crypto'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { PushDeviceSchema, PushSubscriptionInputSchema } from '../../../shared/schemas/push.ts'
import { requirePerson } from '../session/session.ts'
import { vapidKeys } from './vapid.ts'
import { endpointRefusal } from './endpointPolicy.ts'

/** Devices a person may receive pushes on; a phone beyond that replaces the one registered longest ago. */
export const MAX_DEVICES = 10

/** Web Push: the server's public key, and the signed-in person's devices subscribed to pushes. */
export function pushRoutes(deps: Deps) {
  const { db } = deps
  const devicesOf = async (personId: string) =>
    db
      .selectFrom('pushSubscription')
      .select(['id', 'label', 'createdAt', 'lastSuccessAt'])
      .where('personId', '=', personId)
      .orderBy('createdAt')
      .execute()

  return new Hono<AppEnv>()
    .get(
      '/key',
      describe({
        summary: 'The VAPID public key devices subscribe with',
        tags: ['push'],
        response: z.object({ publicKey: z.string() }),
      }),
      async (c) => {
        return c.json({ publicKey: (await vapidKeys(db, deps.config)).publicKey })
      },
    )
    .get(
      '/subscriptions',
      describe({
        summary: "The signed-in person's devices that receive pushes",
        tags: ['push'],
        response: z.object({ devices: z.array(PushDeviceSchema) }),
      }),
      async (c) => {
        return c.json({ devices: await devicesOf(requirePerson(c)) })
      },
    )
    .post(
      '/subscriptions',
      describe({
        summary:
          "Subscribes this device to the signed-in person's pushes (one registered to someone else moves only when the same browser proves it with the subscription's keys; at most ten devices a person)",
        tags: ['push'],
        response: PushDeviceSchema,
      }),
      validate('json', PushSubscriptionInputSchema),
      async (c) => {
        const personId = requirePerson(c)
        const input = c.req.valid('json')
        const refusal = endpointRefusal(input.endpoint, deps.config.pushHosts)
        if (refusal)
          throw new AppError('validation', `This push endpoint is refused: ${refusal}`, [
            { path: ['body', 'endpoint'], message: refusal },
          ])
        const device = await db.transaction().execute(async (trx) => {
          const existing = await trx
            .selectFrom('pushSubscription')
            .select(['id', 'personId', 'p256dh', 'auth'])
            .where('endpoint', '=', input.endpoint)
            .executeTakeFirst()
          const row = { personId, p256dh: input.keys.p256dh, auth: input.keys.auth, label: input.label }
          if (existing && existing.personId !== personId) {
            // The same browser signed in as someone else proves it with the subscription's own keys; anyone
            // else who learnt the endpoint must not take another person's pushes (or silence them).
            if (existing.p256dh !== input.keys.p256dh || existing.auth !== input.keys.auth) {
              throw new AppError('conflict', 'This push endpoint is registered to another account', [
                { path: ['body', 'endpoint'], message: 'registered to another account' },
              ])
            }
            await trx.deleteFrom('pushMessage').where('subscriptionId', '=', existing.id).execute()
          }
          if (existing) {
            await trx.updateTable('pushSubscription').set(row).where('id', '=', existing.id).execute()
          } else {
            await trx
              .insertInto('pushSubscription')
              .values({
                id: randomUUID(),
                endpoint: input.endpoint,
                createdAt: new Date().toISOString(),
                lastSuccessAt: null,
                ...row,
              })
              .execute()
          }
          // At most MAX_DEVICES per person: a new phone pushes out the one registered longest ago.
          const devices = await trx
            .selectFrom('pushSubscription')
            .select('id')
            .where('personId', '=', personId)
            .orderBy('createdAt', 'desc')
            .orderBy('id')
            .execute()
          const surplus = devices.slice(MAX_DEVICES).map((d) => d.id)
          if (surplus.length > 0) {
            await trx.deleteFrom('pushMessage').where('subscriptionId', 'in', surplus).execute()
            await trx.deleteFrom('pushSubscription').where('id', 'in', surplus).execute()
          }
          return trx
            .selectFrom('pushSubscription')
            .select(['id', 'label', 'createdAt', 'lastSuccessAt'])
            .where('endpoint', '=', input.endpoint)
            .executeTakeFirstOrThrow()
        })
        return c.json(device)
      },
    )
    .delete(
      '/subscriptions/:id',
      describe({
        summary: "Stops pushes to one of the signed-in person's devices",
        tags: ['push'],
        response: z.object({ removed: z.literal(true) }),
      }),
      validate('param', z.object({ id: z.uuid() })),
      async (c) => {
        const personId = requirePerson(c)
        const { id } = c.req.valid('param')
        const removed = await db.transaction().execute(async (trx) => {
          const found = await trx
            .selectFrom('pushSubscription')
            .select('id')
            .where('id', '=', id)
            .where('personId', '=', personId)
            .executeTakeFirst()
          if (!found) return false
          await trx.deleteFrom('pushMessage').where('subscriptionId', '=', id).execute()
          await trx.deleteFrom('pushSubscription').where('id', '=', id).execute()
          return true
        })
        if (!removed) throw new AppError('not-found', 'No such device of yours')
        return c.json({ removed: true as const })
      },
    )
}
