import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MiddlewareHandler } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'

/**
 * Serves the built client, precompressed: hashed assets cached for a year, the service worker
 * and manifest never cached (so updates are seen), and `index.html` for every
 * other GET that is not an API call, so deep links open the app.
 */
export function staticClient(clientDir: string): MiddlewareHandler[] {
  const indexFile = join(clientDir, 'index.html')
  const files = serveStatic({
    root: clientDir,
    // The .br and .gz copies written at build (scripts/precompress.ts), by the browser's Accept-Encoding.
    precompressed: true,
  })
  // Set on the answer itself: serveStatic's onFound runs after the response is made, too late for c.header.
  const cached: MiddlewareHandler = async (c, next) => {
    const answer = await files(c, next)
    const res = answer ?? c.res
    if (res.ok && res.headers.has('last-modified')) {
      const isHashed = c.req.path.startsWith('/assets/')
      res.headers.set('cache-control', isHashed ? 'public, max-age=31536000, immutable' : 'no-cache')
    }
    return answer
  }
  const fallback: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET' || c.req.path.startsWith('/api/') || !existsSync(indexFile)) return next()
    c.header('cache-control', 'no-cache')
    return c.html(readFileSync(indexFile, 'utf8'))
  }
  return [cached, fallback]
}
