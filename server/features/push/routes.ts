import { randomUUID } from 'node:crypto'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { PushDeviceSchema, PushSubscriptionInputSchema } from '../../../shared/schemas/push.ts'
import { requirePerson } from '../auth/session.ts'
import { vapidKeys } from './vapid.ts'

/** Web Push: the server's public key, and the signed-in person's devices subscribed to pushes. */
export function pushRoutes(deps: Deps) {
  const { db } = deps
  const devicesOf = async (personId: string) => db.selectFrom('pushSubscription').select(['id', 'label', 'createdAt', 'lastSuccessAt'])
    .where('personId', '=', personId).orderBy('createdAt').execute()

  return new Hono<AppEnv>()
    .get('/key', describe({ summary: 'The VAPID public key devices subscribe with', tags: ['push'], response: z.object({ publicKey: z.string() }) }), async (c) => {
      return c.json({ publicKey: (await vapidKeys(db, deps.config)).publicKey })
    })
    .get('/subscriptions', describe({ summary: 'The signed-in person\'s devices that receive pushes', tags: ['push'], response: z.object({ devices: z.array(PushDeviceSchema) }) }), async (c) => {
      return c.json({ devices: await devicesOf(requirePerson(c)) })
    })
    .post('/subscriptions', describe({ summary: 'Subscribes this device to the signed-in person\'s pushes (a subscription that belonged to someone else on this device moves to them)', tags: ['push'], response: PushDeviceSchema }),
      validate('json', PushSubscriptionInputSchema), async (c) => {
        const personId = requirePerson(c)
        const input = c.req.valid('json')
        // Push services are https; plain http only for a local test endpoint in the demo.
        if (!input.endpoint.startsWith('https:') && !deps.config.isDemo) throw new AppError('validation', 'A push endpoint must be https', [{ path: ['body', 'endpoint'], message: 'must be https' }])
        const row = { personId, p256dh: input.keys.p256dh, auth: input.keys.auth, label: input.label }
        await db.insertInto('pushSubscription').values({ id: randomUUID(), endpoint: input.endpoint, createdAt: new Date().toISOString(), lastSuccessAt: null, ...row })
          .onConflict((oc) => oc.column('endpoint').doUpdateSet(row)).execute()
        const device = await db.selectFrom('pushSubscription').select(['id', 'label', 'createdAt', 'lastSuccessAt']).where('endpoint', '=', input.endpoint).executeTakeFirstOrThrow()
        return c.json(device)
      })
    .delete('/subscriptions/:id', describe({ summary: 'Stops pushes to one of the signed-in person\'s devices', tags: ['push'], response: z.object({ removed: z.literal(true) }) }),
      validate('param', z.object({ id: z.uuid() })), async (c) => {
        const personId = requirePerson(c)
        const { id } = c.req.valid('param')
        const removed = await db.transaction().execute(async (trx) => {
          const found = await trx.selectFrom('pushSubscription').select('id').where('id', '=', id).where('personId', '=', personId).executeTakeFirst()
          if (!found) return false
          await trx.deleteFrom('pushMessage').where('subscriptionId', '=', id).execute()
          await trx.deleteFrom('pushSubscription').where('id', '=', id).execute()
          return true
        })
        if (!removed) throw new AppError('not-found', 'No such device of yours')
        return c.json({ removed: true as const })
      })
}
