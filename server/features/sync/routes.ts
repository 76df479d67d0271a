import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { PullRequestSchema, PullResponseSchema, PushRequestSchema, PushResponseSchema } from '../../../shared/sync/protocol.ts'
import { MIN_CLIENT_PROTOCOL_VERSION } from '../../../shared/sync/version.ts'
import { pushMutations } from '../../sync/push.ts'
import { pullChanges } from '../../sync/pull.ts'
import { requirePerson } from '../auth/session.ts'
import { readableScopes } from '../../sync/readableScopes.ts'

const HEARTBEAT_MS = 25_000

function assertSupported(version: number): void {
  if (version < MIN_CLIENT_PROTOCOL_VERSION) throw new AppError('client-too-old')
}

/** The one sync path for every entity: push queued changes, pull what changed. */
export function syncRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post('/push', describe({ summary: 'Apply queued changes from a device, each exactly once', tags: ['sync'], response: PushResponseSchema }),
      validate('json', PushRequestSchema), async (c) => {
        const personId = requirePerson(c)
        const body = c.req.valid('json')
        assertSupported(body.protocolVersion)
        return c.json(await pushMutations(deps.db, deps.kind, personId, body))
      })
    .post('/pull', describe({ summary: 'Changes since the device\'s cursors, in the scopes the user may read now', tags: ['sync'], response: PullResponseSchema }),
      validate('json', PullRequestSchema), async (c) => {
        const body = c.req.valid('json')
        assertSupported(body.protocolVersion)
        return c.json(await pullChanges(deps.db, c.get('personId'), body))
      })
    .get('/events', describe({ summary: 'Server-sent events: `changed` when something this user may read has changed (a hint to pull)', tags: ['sync'] }),
      async (c) => {
        const scopes = await readableScopes(deps.db, c.get('personId'))
        return streamSSE(c, async (stream) => {
          await new Promise<void>((resolve) => {
            const unsubscribe = deps.hints.subscribe(scopes, (seq) => { void stream.writeSSE({ event: 'changed', data: String(seq) }) })
            const heartbeat = setInterval(() => { void stream.write(': keep-alive\n\n') }, HEARTBEAT_MS)
            const finish = () => { clearInterval(heartbeat); unsubscribe(); removeCloser(); resolve() }
            const removeCloser = deps.hints.onClose(finish)
            stream.onAbort(finish)
            void stream.writeSSE({ event: 'ready', data: '' })
          })
        })
      })
}
