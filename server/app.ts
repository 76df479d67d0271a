import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import type { AppEnv, Deps } from './context.ts'
import { AppError, problemResponse } from './lib/problem.ts'
import { buildOpenApiDocument } from './lib/openapi.ts'
import { securityHeaders } from './lib/securityHeaders.ts'
import { csrfProtection } from './lib/csrf.ts'
import { staticClient } from './lib/staticClient.ts'
import { sessionMiddleware } from './features/session/session.ts'
import { authRoutes } from './features/session/routes.ts'
import { oidcRoutes } from './features/session/oidcRoutes.ts'
import { syncRoutes } from './features/sync/routes.ts'
import { networkRoutes } from './features/networks/routes.ts'
import { healthRoutes } from './features/health/routes.ts'
import { peopleRoutes } from './features/profile/routes.ts'
import { privacyRoutes } from './features/privacy/routes.ts'
import { invitationRoutes } from './features/invitations/routes.ts'
import { auditRoutes } from './features/audit/routes.ts'
import { cardRoutes } from './features/cards/routes.ts'
import { eventRoutes } from './features/events/routes.ts'
import { checkInRoutes } from './features/checkIn/routes.ts'
import { pushRoutes } from './features/notifications/routes.ts'
import { newsletterRoutes } from './features/newsletters/routes.ts'
import { graduateRoutes } from './features/graduates/routes.ts'
import { accessibilityRoutes } from './features/accessibility/routes.ts'
import { dataRefusal } from './lib/databaseErrors.ts'

/** The API's routes, chained so their types flow to the client's typed RPC client. */
function apiRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .route('/health', healthRoutes(deps))
    .route('/auth', authRoutes(deps))
    .route('/auth/oidc', oidcRoutes(deps))
    .route('/sync', syncRoutes(deps))
    .route('/networks', networkRoutes(deps))
    .route('/networks', invitationRoutes(deps))
    .route('/networks', auditRoutes(deps))
    .route('/people', peopleRoutes(deps))
    .route('/me', privacyRoutes(deps))
    .route('/', cardRoutes(deps))
    .route('/', eventRoutes(deps))
    .route('/', checkInRoutes(deps))
    .route('/push', pushRoutes(deps))
    .route('/newsletters', newsletterRoutes(deps))
    .route('/institutions', graduateRoutes(deps))
    .route('/accessibility', accessibilityRoutes(deps))
}

/** The type the client's RPC client is built from: a changed schema breaks the build, not production. */
export type ApiType = ReturnType<typeof apiRoutes>

/**
 * Builds the whole app: middleware first (request id, logs, headers, limits,
 * session), then the API under `/api`, then the built client.
 */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>()
  app.use(requestId())
  app.use(async (c, next) => {
    const started = performance.now()
    await next()
    deps.logger.log('info', 'request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    })
  })
  app.use(securityHeaders())
  app.use(
    '/api/*',
    csrfProtection((url) => deps.config.publicUrl ?? new URL(url).origin),
  )
  const limitBody = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError('payload-too-large')
      },
    })
  // A graduate list is the one large upload (a big faculty's year, several times over); the rest are small.
  app.use('/api/*', async (c, next) =>
    limitBody(/^\/api\/institutions\/[^/]+\/graduates\/import$/.test(c.req.path) ? 6 * 1024 * 1024 : 1024 * 1024)(
      c,
      next,
    ),
  )
  app.use('/api/*', sessionMiddleware(deps))
  // Every answer of 1 KB or more is gzipped on the fly unless it already has an encoding (the build's
  // precompressed files) or is an event stream (the compressor skips text/event-stream, which must
  // not be buffered). Sync pages of a 40,000-member directory shrink ~8x.
  app.use('*', compress())

  const api = apiRoutes(deps)
  app.route('/api', api)
  const openApi = buildOpenApiDocument(app as never, { title: 'Alumni network API', version: '0.1.0' })
  app.get('/api/openapi.json', (c) => c.json(openApi))
  app.all('/api/*', () => {
    throw new AppError('not-found', 'No such API route')
  })
  app.use('*', ...staticClient(deps.config.clientDir))

  app.onError((error, c) => {
    if (error instanceof AppError) return problemResponse(c, error)
    if (error instanceof HTTPException && error.status < 500) {
      const type = error.status === 413 ? 'payload-too-large' : error.status === 403 ? 'forbidden' : 'malformed'
      return problemResponse(c, new AppError(type, error.message || undefined))
    }
    const refusal = dataRefusal(error)
    if (refusal) return problemResponse(c, refusal)
    deps.logger.log('error', 'unhandled error', {
      requestId: c.get('requestId'),
      error: String(error),
      stack: (error as Error).stack,
    })
    return problemResponse(c, new AppError('unavailable'))
  })
  return app
}
