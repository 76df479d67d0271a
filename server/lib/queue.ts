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
 * What became of one queued row: sent; nothing left to send (its person or
 * event gone: done without counting); to be tried again later (also what a
 * thrown error means); or given up for good.
 */
export type SendOutcome = 'sent' | 'nothing' | { retry: string } | { giveUp: string }

export interface DrainOptions<T extends { id: string }> {
  now: Date
  batch: number
  leaseMs: number
  maxAttempts: number
  /** How many rows of a batch are sent at once (push services: many; a pooled mail server: a few). */
  concurrency?: number
  /**
   * When sent rows are marked: each as soon as it went (a worker that dies
   * resends at most the rows in flight; the default when one at a time), or
   * the batch's in one statement (fewer writes, where a repeat is harmless:
   * a push service folds repeats of one topic; the default when many).
   */
  marks?: 'each' | 'batch'
  /** The pause before try number `attempts + 1` after a retry. */
  retryPauseMs?: (attempts: number) => number
  load: (ids: string[]) => Promise<T[]>
  send: (row: T) => Promise<SendOutcome>
  /** After each batch is marked: the queue's own follow-ups (figures, subscriptions that are gone). */
  afterBatch?: (results: { row: T; outcome: SendOutcome }[]) => Promise<void>
}

/**
 * The one drain loop of every queue (event notices, membership mails,
 * newsletter mails, pushes): a batch at a time until none is due, each batch
 * claimed (`claimDue`), each row sent by `send` outside any transaction (a
 * slow mail or push server holds no lock), then marked (see `marks`). A
 * worker that dies between sending and marking leaves the row to go again
 * after the lease: at least once. Answers how many were sent.
 */
export async function drainQueue<T extends { id: string }>(
  db: Db,
  table: QueueTable,
  options: DrainOptions<T>,
): Promise<number> {
  const queue = table as 'notice'
  const concurrency = options.concurrency ?? 1
  const marksEach = (options.marks ?? (concurrency === 1 ? 'each' : 'batch')) === 'each'
  const pause = options.retryPauseMs ?? backoffMs
  let sent = 0
  const markSent = async (ids: string[], lastError: string | null) => {
    if (ids.length === 0) return
    await db.updateTable(queue).set({ sentAt: new Date().toISOString(), lastError }).where('id', 'in', ids).execute()
  }
  for (;;) {
    const claimed = await claimDue(db, table, options)
    if (claimed.length === 0) return sent
    const rows = await options.load(claimed.map((c) => c.id))
    const attemptsOf = new Map(claimed.map((c) => [c.id, c.attempts]))
    const results: { row: T; outcome: SendOutcome }[] = []
    const sendOne = async (row: T) => {
      const outcome = await options.send(row).catch((error: unknown): SendOutcome => ({ retry: String(error) }))
      results.push({ row, outcome })
      if (marksEach && (outcome === 'sent' || outcome === 'nothing'))
        await markSent([row.id], outcome === 'sent' ? null : 'nothing to send')
    }
    let next = 0
    await Promise.all(
      Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
        while (next < rows.length) await sendOne(rows[next++]!)
      }),
    )
    const idsWith = (outcome: SendOutcome) => results.filter((r) => r.outcome === outcome).map((r) => r.row.id)
    if (!marksEach) {
      await markSent(idsWith('sent'), null)
      await markSent(idsWith('nothing'), 'nothing to send')
    }
    for (const { row, outcome } of results) {
      if (typeof outcome === 'string') continue
      const isRetry = 'retry' in outcome
      await db
        .updateTable(queue)
        .set({
          lastError: (isRetry ? outcome.retry : outcome.giveUp).slice(0, 500),
          ...(isRetry
            ? { sendAfter: new Date(options.now.getTime() + pause(attemptsOf.get(row.id)!)).toISOString() }
            : { attempts: options.maxAttempts }),
        })
        .where('id', '=', row.id)
        .execute()
    }
    sent += results.filter((r) => r.outcome === 'sent').length
    await options.afterBatch?.(results)
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
