import type { ControlledTransaction } from 'kysely'
import type { Database, Db, DatabaseKind } from '../db/schema.ts'
import { databaseKindOf } from '../db/index.ts'
import { changeTx, pendingChanges } from './changeLog.ts'
import type { HandlerTable, MutationContext } from './mutationContext.ts'
import type { MutationResult, PushRequest, PushResponse } from '../../shared/sync/protocol.ts'
import { ProblemSchema, type Problem } from '../../shared/problem.ts'
import { hitRateLimit } from '../lib/rateLimit.ts'
import { MUTATIONS, isMutationName } from '../../shared/sync/mutations.ts'
import { AppError, validationError } from '../lib/problem.ts'
import { dataRefusal, isTransientDatabaseError } from '../lib/databaseErrors.ts'
import type { Logger } from '../lib/logger.ts'
import { MUTATION_HANDLERS } from './handlers.ts'

/** Finds or creates the client's record; refuses a client id that belongs to someone else. */
async function lastMutationIdOf(db: Db, clientId: string, personId: string): Promise<number> {
  const now = new Date().toISOString()
  await db
    .insertInto('syncClient')
    .values({ clientId, personId, lastMutationId: 0, updatedAt: now })
    .onConflict((oc) => oc.column('clientId').doNothing())
    .execute()
  const client = await db
    .selectFrom('syncClient')
    .selectAll()
    .where('clientId', '=', clientId)
    .executeTakeFirstOrThrow()
  if (client.personId !== personId)
    throw new AppError('forbidden', 'This device id belongs to another account; sign in again')
  return client.lastMutationId
}

async function storedResult(
  db: Db | ControlledTransaction<Database>,
  clientId: string,
  id: number,
): Promise<MutationResult> {
  const row = await db
    .selectFrom('syncMutation')
    .select(['status', 'problem'])
    .where('clientId', '=', clientId)
    .where('mutationId', '=', id)
    .executeTakeFirst()
  // A result pruned long ago was applied or rejected; either way it must not run again.
  if (!row) return { id, status: 'applied' }
  return row.status === 'rejected'
    ? { id, status: 'rejected', problem: ProblemSchema.parse(JSON.parse(row.problem ?? '{}')) }
    : { id, status: 'applied' }
}

/**
 * Applies one mutation exactly once, in one transaction with its bookkeeping:
 * the client's row is locked, a mutation already handled answers its stored
 * result, and the data, the result and the new last id commit together.
 * A refusal rolls back only the mutation's own writes and is recorded as
 * rejected, which still advances the id so the queue moves on: an `AppError`,
 * what the database refused about the data, and any other error that a
 * retry would only repeat (a bug must not hold a phone's queue for ever).
 * Only a transient error (the database went away, a lock) rolls back
 * everything and throws, so the device sends the mutation again.
 */
async function applyOnce(
  db: Db,
  kind: DatabaseKind,
  clientId: string,
  personId: string,
  mutation: PushRequest['mutations'][number],
  options: PushOptions,
  clockOffsetMs: number,
): Promise<MutationResult> {
  const trx = await db.startTransaction().execute()
  try {
    const client =
      kind === 'postgres'
        ? await trx
            .selectFrom('syncClient')
            .select('lastMutationId')
            .where('clientId', '=', clientId)
            .forUpdate()
            .executeTakeFirstOrThrow()
        : await trx
            .selectFrom('syncClient')
            .select('lastMutationId')
            .where('clientId', '=', clientId)
            .executeTakeFirstOrThrow()
    if (mutation.id <= client.lastMutationId) {
      const result = await storedResult(trx, clientId, mutation.id)
      await trx.rollback().execute()
      return result
    }
    const now = new Date().toISOString()
    let result: MutationResult
    // A refused change's log entries go with its writes: only an applied one's are written.
    const pending = pendingChanges(kind)
    const savepoint = await trx.savepoint('mutation').execute()
    try {
      await runMutation(
        { ...changeTx(savepoint, kind, pending), personId, now, clockOffsetMs },
        mutation.name,
        mutation.args,
        options.handlers ?? MUTATION_HANDLERS,
      )
      await savepoint.releaseSavepoint('mutation').execute()
      result = { id: mutation.id, status: 'applied' }
    } catch (error) {
      const refusal = asRefusal(error, mutation.name, options.logger)
      if (!refusal) throw error
      await savepoint.rollbackToSavepoint('mutation').execute()
      result = { id: mutation.id, status: 'rejected', problem: refusal.toProblem() }
    }
    await trx
      .insertInto('syncMutation')
      .values({
        // A name the server does not know is the sender's own text: not worth storing.
        clientId,
        mutationId: mutation.id,
        name: isMutationName(mutation.name) ? mutation.name : '(unknown)',
        status: result.status,
        problem: result.problem ? JSON.stringify(compactProblem(result.problem)) : null,
        handledAt: now,
      })
      .execute()
    await trx
      .updateTable('syncClient')
      .set({ lastMutationId: mutation.id, updatedAt: now })
      .where('clientId', '=', clientId)
      .execute()
    if (result.status === 'applied') await pending.write(trx)
    await trx.commit().execute()
    return result
  } catch (error) {
    await trx
      .rollback()
      .execute()
      .catch(() => {})
    throw error
  }
}

/** A refusal as stored: at most ten field errors and short texts, whatever the sender sent. */
function compactProblem(problem: Problem): Problem {
  return {
    ...problem,
    ...(problem.detail ? { detail: problem.detail.slice(0, 300) } : {}),
    ...(problem.errors
      ? {
          errors: problem.errors
            .slice(0, 10)
            .map((e) => ({ path: e.path.slice(0, 8), message: e.message.slice(0, 200) })),
        }
      : {}),
  }
}

/**
 * Forgets the results of changes handled before the retention: a device
 * that resends one later is told it was handled (`storedResult`), and the
 * client's last id, which exactly-once needs, is kept for ever.
 */
export async function pruneMutationResults(db: Db, retentionDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString()
  const { numDeletedRows } = await db.deleteFrom('syncMutation').where('handledAt', '<', cutoff).executeTakeFirst()
  return Number(numDeletedRows)
}

/** Changes one person may send a minute (a door phone back online after hours sends a few hundred). */
export const MUTATIONS_PER_MINUTE = 2_000
/** New device ids one person may start a day (each is kept for ever, for exactly-once). */
export const NEW_CLIENTS_PER_DAY = 100

/**
 * What one account may make the server store: every change handled is kept
 * until pruned, and every device id for ever. Past the budget the push is
 * refused with 429 and the device's queue stays as it was, to be sent later.
 */
export async function chargePush(db: Db, personId: string, request: PushRequest): Promise<void> {
  if (request.mutations.length === 0) return
  await hitRateLimit(db, `sync-push:${personId}`, MUTATIONS_PER_MINUTE, 60_000, Date.now(), request.mutations.length)
  const known = await db
    .selectFrom('syncClient')
    .select('clientId')
    .where('clientId', '=', request.clientId)
    .executeTakeFirst()
  if (!known) await hitRateLimit(db, `sync-client:${personId}`, NEW_CLIENTS_PER_DAY, 86_400_000)
}

/** The refusal to record for an error thrown by a mutation, or null when it is transient and must be retried. */
function asRefusal(error: unknown, name: string, logger: Logger | undefined): AppError | null {
  if (error instanceof AppError) return error
  const refusal = dataRefusal(error)
  if (refusal) return refusal
  if (isTransientDatabaseError(error)) return null
  // A defect in a handler: refused and logged rather than retried for ever.
  logger?.log('error', 'mutation failed unexpectedly', {
    mutation: name,
    error: String(error),
    stack: (error as Error).stack,
  })
  return new AppError('internal', 'This change could not be applied')
}

/** Validates the arguments with the shared schema and calls the mutation's handler. */
async function runMutation(ctx: MutationContext, name: string, args: unknown, handlers: HandlerTable): Promise<void> {
  if (!isMutationName(name))
    throw new AppError('validation', `Unknown change "${name}"`, [{ path: ['name'], message: 'unknown mutation' }])
  const parsed = MUTATIONS[name].safeParse(args)
  if (!parsed.success) throw validationError(parsed.error, ['args'])
  const handler = handlers[name] as (ctx: MutationContext, args: unknown) => Promise<void>
  await handler(ctx, parsed.data)
}

/**
 * Handles a device's push: each mutation in order, exactly once. Mutations
 * already handled answer their stored result; a gap in the ids stops the batch
 * (the answer's `lastMutationId` tells the device where the server stands).
 */
export interface PushOptions {
  /** The handlers to run (tests count calls through their own). */
  handlers?: HandlerTable
  /** Where a handler's defect is logged. */
  logger?: Logger
}

export async function pushMutations(
  db: Db,
  personId: string,
  request: PushRequest,
  options: PushOptions = {},
): Promise<PushResponse> {
  const kind = databaseKindOf(db)
  let last = await lastMutationIdOf(db, request.clientId, personId)
  const clockOffsetMs = request.sentAt ? Date.now() - Date.parse(request.sentAt) : 0
  const results: MutationResult[] = []
  for (const mutation of request.mutations) {
    if (mutation.id > last + 1) break
    const result = await applyOnce(db, kind, request.clientId, personId, mutation, options, clockOffsetMs)
    results.push(result)
    last = Math.max(last, mutation.id)
  }
  return { results, lastMutationId: last }
}
