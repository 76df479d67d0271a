import type { Db } from '../../db/schema.ts'
import { queueEventPushes } from '../notifications/eventPushes.ts'
import { queueNotices } from './notices.ts'

/**
 * The reminder the day before: for each published event starting in the next
 * 24 hours that has not had one, claimed with a conditional update (so one
 * server process sends it, however many run this), pushed to those registered
 * and mailed, with the ticket, to those of them whose phones get no push.
 */
export async function queueReminders(db: Db, now = new Date()): Promise<number> {
  const soon = await db
    .selectFrom('event')
    .select('id')
    .where('status', '=', 'published')
    .where('remindedAt', 'is', null)
    .where('startsAt', '>', now.toISOString())
    .where('startsAt', '<=', new Date(now.getTime() + 24 * 3_600_000).toISOString())
    .execute()
  let queued = 0
  for (const { id } of soon) {
    queued += await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('event')
        .set({ remindedAt: now.toISOString() })
        .where('id', '=', id)
        .where('remindedAt', 'is', null)
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) !== 1) return 0
      const registered = await trx
        .selectFrom('registration')
        .select('personId')
        .where('eventId', '=', id)
        .where('status', '=', 'registered')
        .execute()
      const personIds = registered.map((r) => r.personId)
      // Those whose phones get no push hear by mail instead, with the ticket.
      const withPush = new Set(
        personIds.length
          ? (
              await trx.selectFrom('pushSubscription').select('personId').where('personId', 'in', personIds).execute()
            ).map((s) => s.personId)
          : [],
      )
      await queueNotices(
        trx,
        'reminder',
        id,
        personIds.filter((p) => !withPush.has(p)),
        now.toISOString(),
      )
      return queueEventPushes(trx, 'reminder', id, personIds, now.toISOString())
    })
  }
  return queued
}
