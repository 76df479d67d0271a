import type { Db } from '../db/schema.ts'
import { databaseKindOf } from '../db/index.ts'

/** The tables that are queues: each row has `sendAfter`, `attempts` and `sentAt`. */
export type QueueTable = 'notice' | 'membershipNotice' | 'pushMessage' | 'newsletterDelivery'

/**
 * Claims a batch of due rows of a queue for this worker: in one short
 * transaction each is leased (its time moved past the lease) and its try
 * counted, so no other worker sees it as due until the lease ends (a worker
 * that dies mid-send). On PostgreSQL the rows are picked with FOR UPDATE SKIP
 * LOCKED, so several processes claim different batches at once; SQLite has
 * one writer. Answers the claimed ids with their try count before this one.
 */
export async function claimDue(
  db: Db,
  table: QueueTable,
  options: { now: Date; batch: number; leaseMs: number; maxAttempts: number },
): Promise<{ id: string; attempts: number }[]> {
  // One query shape for both queues; Kysely cannot type a union of table names, so it is typed as one of them.
  const queue = table as 'notice'
  const isDue = (q: typeof db) =>
    q
      .selectFrom(queue)
      .select('id')
      .where('sentAt', 'is', null)
      .where('sendAfter', '<=', options.now.toISOString())
      .where('attempts', '<', options.maxAttempts)
  // Most looks find nothing: a plain read first, so an idle worker opens no write transaction.
  if (!(await isDue(db).limit(1).executeTakeFirst())) return []
  return db.transaction().execute(async (trx) => {
    const due = isDue(trx).select('attempts').orderBy('sendAfter').limit(options.batch)
    const batch = await (databaseKindOf(db) === 'postgres' ? due.forUpdate().skipLocked() : due).execute()
    if (batch.length > 0) {
      await trx
        .updateTable(queue)
        .set((eb) => ({
          sendAfter: new Date(options.now.getTime() + options.leaseMs).toISOString(),
          attempts: eb('attempts', '+', 1),
        }))
        .where(
          'id',
          'in',
          batch.map((n) => n.id),
        )
        .execute()
    }
    return batch
  })
}

/**
 * Sends a mail queue's due rows, a batch at a time, until none is due: each
 * batch is claimed (`claimDue`), each row sent by `send` outside any
 * transaction (a slow mail server holds no lock), then marked sent; a failed
 * send waits with a growing pause and is given up after `maxAttempts` (the
 * error kept). `send` answers false for a row with nothing left to send (its
 * person gone): it is marked done without counting. A worker that dies between
 * sending and marking leaves the row to go again after the lease: at least
 * once. Answers how many were sent.
 */
export async function drainQueue<T extends { id: string }>(
  db: Db,
  table: QueueTable,
  options: {
    now: Date
    batch: number
    leaseMs: number
    maxAttempts: number
    load: (ids: string[]) => Promise<T[]>
    send: (row: T) => Promise<boolean>
  },
): Promise<number> {
  const queue = table as 'notice'
  let sent = 0
  for (;;) {
    const claimed = await claimDue(db, table, options)
    const rows = claimed.length ? await options.load(claimed.map((c) => c.id)) : []
    const attemptsOf = new Map(claimed.map((c) => [c.id, c.attempts]))
    for (const row of rows) {
      try {
        const wasSent = await options.send(row)
        await db
          .updateTable(queue)
          .set({ sentAt: new Date().toISOString(), lastError: wasSent ? null : 'nothing to send' })
          .where('id', '=', row.id)
          .execute()
        if (wasSent) sent++
      } catch (error) {
        const sendAfter = new Date(options.now.getTime() + backoffMs(attemptsOf.get(row.id)!)).toISOString()
        await db
          .updateTable(queue)
          .set({ lastError: String(error).slice(0, 500), sendAfter })
          .where('id', '=', row.id)
          .execute()
      }
    }
    if (claimed.length < options.batch) return sent
  }
}

/** The pause before try number `attempts + 1`: a minute, then doubling. */
export function backoffMs(attempts: number): number {
  return 60_000 * 2 ** attempts
}

/**
 * Runs `work` every few seconds in the background, one run at a time,
 * without blocking requests; returns the stop function. `wake` runs it soon
 * (after a change that queued something) instead of at the next tick.
 */
export function startWorker(
  work: () => Promise<unknown>,
  onError: (error: unknown) => void,
  intervalMs = 3000,
): { stop: () => void; wake: () => void } {
  let isRunning = false
  let isAgainWanted = false
  const run = () => {
    if (isRunning) {
      isAgainWanted = true
      return
    }
    isRunning = true
    work()
      .catch(onError)
      .finally(() => {
        isRunning = false
        if (isAgainWanted) {
          isAgainWanted = false
          run()
        }
      })
  }
  const timer = setInterval(run, intervalMs)
  timer.unref()
  return { stop: () => clearInterval(timer), wake: run }
}
