import type { AlumniDb, OutboxEntry } from '../db/database.ts'
import { SYNCED_TABLES, outboxKey, changedRowKey } from '../db/database.ts'
import type { Api } from '../api/client.ts'
import { readProblem } from '../api/client.ts'
import type { MutationResult } from '../../shared/sync/protocol.ts'
import type { Problem } from '../../shared/problem.ts'
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/version.ts'
import { identityFor, setNextMutationId } from './identity.ts'

export type PushOutcome =
  { kind: 'done'; applied: number; rejected: number } | { kind: 'refused'; problem: Problem } | { kind: 'offline' }

const BATCH = 100

/**
 * Puts back the rows a change altered as the server last sent them, or hands that state to the next waiting
 * change of the same row (which was made on top of this one). For a refused change; and for an applied one
 * made on a refused state, whose effect the server may not repeat (a cancel of a refused registration changes
 * nothing there, so no pull would ever correct the phone): the pull that follows brings what the server did.
 */
async function restoreServerRows(db: AlumniDb, entry: OutboxEntry, isRefused: boolean): Promise<void> {
  for (const step of entry.undo) {
    const later = await db.outbox
      .where('keys')
      .equals(changedRowKey(step.table, step.key))
      .filter((e) => e.id > entry.id && e.clientId === entry.clientId)
      .first()
    if (later) {
      await db.outbox.update(outboxKey(later), {
        undo: later.undo.map((u) => (u.table === step.table && u.key === step.key ? { ...u, before: step.before } : u)),
        ...(entry.isOnRefusedState || isRefused ? { isOnRefusedState: true } : {}),
      })
    } else if (step.before) {
      await db.table(step.table).put(step.before)
    } else {
      await db.table(step.table).delete(step.key)
    }
  }
}

/** Files the server's answers: handled entries leave the outbox; refused ones move to `rejected`, undone. */
async function settle(
  db: AlumniDb,
  entries: OutboxEntry[],
  results: MutationResult[],
): Promise<{ applied: number; rejected: number }> {
  let applied = 0
  let rejected = 0
  await db.transaction('rw', [db.outbox, db.rejected, ...SYNCED_TABLES.map((t) => db.table(t))], async () => {
    for (const result of results) {
      const sent = entries.find((e) => e.id === result.id)
      // Read again, not the copy that was sent: settling an earlier refusal of the same row (or a pull while the
      // answer was on its way) may have handed this entry the row to restore.
      const entry = sent && (await db.outbox.get(outboxKey(sent)))
      if (!entry) continue
      if (result.status === 'rejected') {
        await restoreServerRows(db, entry, true)
        await db.rejected.add({
          id: entry.id,
          name: entry.name,
          args: entry.args,
          problem: result.problem!,
          rejectedAt: new Date().toISOString(),
          ...(entry.about ? { about: entry.about } : {}),
        })
        rejected++
      } else {
        if (entry.isOnRefusedState) await restoreServerRows(db, entry, false)
        applied++
      }
      await db.outbox.delete(outboxKey(entry))
    }
  })
  return { applied, rejected }
}

/**
 * Renumbers the queue to follow the server's last id. Only needed when the
 * server has forgotten ids this device used (its database was restored from a
 * backup); the changes themselves are kept and sent again in order.
 */
async function renumber(
  db: AlumniDb,
  personId: string | null,
  clientId: string,
  lastMutationId: number,
): Promise<void> {
  await db.transaction('rw', [db.outbox, db.meta], async () => {
    const entries = await db.outbox.where('clientId').equals(clientId).sortBy('id')
    await db.outbox.bulkDelete(entries.map(outboxKey))
    await db.outbox.bulkAdd(entries.map((e, i) => ({ ...e, id: lastMutationId + 1 + i })))
    await setNextMutationId(db, personId, lastMutationId + 1 + entries.length)
  })
}

/**
 * Sends the person's queued changes in order, a batch at a time, until the
 * queue is empty or the server cannot be reached. An entry leaves the queue
 * only when the server reports it handled (applied or refused).
 */
export async function pushOutbox(db: AlumniDb, api: Api, personId: string | null): Promise<PushOutcome> {
  if (!personId) return { kind: 'done', applied: 0, rejected: 0 }
  const { clientId } = await identityFor(db, personId)
  let applied = 0
  let rejected = 0
  for (;;) {
    // The primary key orders a client's entries by mutation id.
    const entries = await db.outbox
      .where('[clientId+id]')
      .between([clientId, 0], [clientId, Infinity])
      .limit(BATCH)
      .toArray()
    if (entries.length === 0) return { kind: 'done', applied, rejected }
    let res: Response
    try {
      res = await api.sync.push.$post({
        json: {
          clientId,
          protocolVersion: SYNC_PROTOCOL_VERSION,
          sentAt: new Date().toISOString(),
          mutations: entries.map(({ id, name, args }) => ({ id, name, args })),
        },
      })
    } catch {
      return { kind: 'offline' }
    }
    if (res.status >= 500) return { kind: 'offline' }
    if (!res.ok) return { kind: 'refused', problem: await readProblem(res) }
    const body = (await res.json()) as { results: MutationResult[]; lastMutationId: number }
    const counts = await settle(db, entries, body.results)
    applied += counts.applied
    rejected += counts.rejected
    if (body.results.length === 0) {
      const first = entries[0]!.id
      if (body.lastMutationId < first - 1) await renumber(db, personId, clientId, body.lastMutationId)
      else return { kind: 'done', applied, rejected }
    }
  }
}
