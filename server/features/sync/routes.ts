import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { z } from 'zod'
import { MUTATIONS } from '../../../shared/sync/mutations.ts'
import {
  MutationSchema,
  PullRequestSchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  type PullResponse,
} from '../../../shared/sync/protocol.ts'
import { MIN_CLIENT_PROTOCOL_VERSION } from '../../../shared/sync/version.ts'
import { chargePush, pushMutations } from '../../sync/push.ts'
import { pullChanges } from '../../sync/pull.ts'
import { requirePerson, sessionPerson } from '../session/session.ts'
import { clientBucket, trustedProxies } from '../../lib/clientAddress.ts'
import { createStreamRegistry, STREAMS_PER_ADDRESS, STREAMS_PER_SESSION } from './eventStreams.ts'
import { readableScopes } from '../../sync/readableScopes.ts'
import { limitRead } from '../../lib/readLimits.ts'

const HEARTBEAT_MS = 25_000
// How often, at most, an open stream checks that its session and scopes still hold (before a hint or a heartbeat).
const RECHECK_MS = 2_000

const isDirectoryScope = (scope: string) => scope.endsWith(':staff') || scope.endsWith(':members')

/**
 * Counts each directory a device asks for from scratch (no cursor for a
 * network's member or staff scope) against the account's read limits: a
 * device needs one such read per scope, a scraper repeats them. Answers 429
 * before anything is read once the account is past them.
 */
async function limitSnapshotReads(deps: Deps, personId: string | null, cursors: Record<string, number>) {
  if (!personId) return
  const fromScratch = (await readableScopes(deps.db, personId)).filter((s) => isDirectoryScope(s) && !cursors[s])
  for (const scope of fromScratch)
    await limitRead(deps.db, personId, 'snapshot', { subject: scope, factor: deps.config.readLimitFactor })
}

/**
 * Logs who reads a directory whole: each time a device downloads a
 * network's member list from scratch (`directory.snapshot`), and staff's
 * list with what members show to staff (`directory.read`). Later
 * incremental pulls of the same scope are not logged.
 */
async function auditDirectoryReads(
  deps: Deps,
  personId: string | null,
  cursors: Record<string, number>,
  response: PullResponse,
): Promise<void> {
  if (!personId) return
  const fresh = new Set(
    response.changes.filter((c) => isDirectoryScope(c.scope) && !(cursors[c.scope] ?? 0)).map((c) => c.scope),
  )
  const at = new Date().toISOString()
  for (const scope of fresh) {
    const networkId = scope.split(':')[1]!
    const action = scope.endsWith(':staff') ? 'directory.read' : 'directory.snapshot'
    await deps.db.insertInto('auditLog').values({ at, actorId: personId, action, subjectId: null, networkId }).execute()
  }
}

function assertSupported(version: number): void {
  if (version < MIN_CLIENT_PROTOCOL_VERSION) throw new AppError('client-too-old')
}

/**
 * The push body as the OpenAPI document shows it: every mutation the server
 * accepts, by name, with its argument schema (the route itself checks the
 * envelope, and each mutation's arguments as it applies it).
 */
const PUSH_CATALOGUE = PushRequestSchema.extend({
  mutations: z
    .array(
      z.union(Object.entries(MUTATIONS).map(([name, args]) => MutationSchema.extend({ name: z.literal(name), args }))),
    )
    .max(500),
})

/** The one sync path for every entity: push queued changes, pull what changed. */
export function syncRoutes(deps: Deps) {
  const streams = createStreamRegistry()
  const proxies = trustedProxies(deps.config.trustProxy ?? undefined)
  return new Hono<AppEnv>()
    .post(
      '/push',
      describe({
        summary: 'Apply queued changes from a device, each exactly once',
        tags: ['sync'],
        response: PushResponseSchema,
        request: PUSH_CATALOGUE,
      }),
      validate('json', PushRequestSchema),
      async (c) => {
        const personId = requirePerson(c)
        const body = c.req.valid('json')
        assertSupported(body.protocolVersion)
        await chargePush(deps.db, personId, body)
        return c.json(await pushMutations(deps.db, personId, body, { logger: deps.logger }))
      },
    )
    .post(
      '/pull',
      describe({
        summary: "Changes since the device's cursors, in the scopes the user may read now",
        tags: ['sync'],
        response: PullResponseSchema,
      }),
      validate('json', PullRequestSchema),
      async (c) => {
        const body = c.req.valid('json')
        assertSupported(body.protocolVersion)
        const personId = c.get('personId')
        await limitSnapshotReads(deps, personId, body.cursors)
        const response = await pullChanges(deps.db, personId, body)
        await auditDirectoryReads(deps, personId, body.cursors, response)
        return c.json(response)
      },
    )
    .get(
      '/events',
      describe({
        summary: 'Server-sent events: `changed` when something this user may read has changed (a hint to pull)',
        tags: ['sync'],
      }),
      async (c) => {
        const personId = c.get('personId')
        const sessionHash = c.get('sessionHash')
        const scopes = await readableScopes(deps.db, personId)
        const holder = sessionHash ? `session:${sessionHash}` : `address:${clientBucket(c, proxies)}`
        // A stream is bound to the session and the scopes it opened with. Once the session ends (sign-out
        // everywhere) it closes at once; once the scopes change (a role lost or gained, a membership approved)
        // it passes on the hint that came with the change, then closes, and the device reconnects with what
        // it may read now.
        let checkedAt = 0
        let lastVerdict: 'valid' | 'ended' | 'rescoped' = 'valid'
        const verdict = async (): Promise<'valid' | 'ended' | 'rescoped'> => {
          if (!sessionHash || !personId) return 'valid'
          if (Date.now() - checkedAt < RECHECK_MS) return lastVerdict
          checkedAt = Date.now()
          if ((await sessionPerson(deps.db, sessionHash)) !== personId) return (lastVerdict = 'ended')
          const now = await readableScopes(deps.db, personId)
          return (lastVerdict =
            now.length === scopes.length && now.every((s) => scopes.includes(s)) ? 'valid' : 'rescoped')
        }
        const unregister = streams.open(holder, sessionHash ? STREAMS_PER_SESSION : STREAMS_PER_ADDRESS)
        // nginx would otherwise hold the hints back in its buffer until it had a few kilobytes of them.
        c.header('x-accel-buffering', 'no')
        return streamSSE(c, async (stream) => {
          await new Promise<void>((resolve) => {
            let isOpen = true
            // A hint is sent unless the session has ended; a keep-alive only while nothing changed.
            const check = (onValid: () => unknown, onRescoped: () => Promise<unknown>) => {
              void verdict().then(
                async (v) => {
                  if (!isOpen) return
                  if (v === 'valid') onValid()
                  else if (v === 'rescoped') await onRescoped().finally(finish)
                  else finish()
                },
                () => {},
              )
            }
            const hint = (seq: number) => stream.writeSSE({ event: 'changed', data: String(seq) })
            const unsubscribe = deps.hints.subscribe(scopes, (seq) =>
              check(
                () => hint(seq),
                () => hint(seq),
              ),
            )
            const heartbeat = setInterval(
              () =>
                check(
                  () => stream.write(': keep-alive\n\n'),
                  () => hint(0),
                ),
              HEARTBEAT_MS,
            )
            const finish = () => {
              if (!isOpen) return
              isOpen = false
              clearInterval(heartbeat)
              unsubscribe()
              removeCloser()
              unregister()
              resolve()
            }
            const removeCloser = deps.hints.onClose(finish)
            stream.onAbort(finish)
            void stream.writeSSE({ event: 'ready', data: '' })
          })
        })
      },
    )
}
