import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MiddlewareHandler } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'

/**
 * Serves the built client: hashed assets cached for a year, the service worker
 * and manifest never cached (so updates are seen), and `index.html` for every
 * other GET that is not an API call, so deep links open the app.
 */
export function staticClient(clientDir: string): MiddlewareHandler[] {
  const indexFile = join(clientDir, 'index.html')
  const files = serveStatic({
    root: clientDir,
    onFound: (path, c) => {
      const isHashed = path.includes('/assets/')
      c.header('cache-control', isHashed ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })
  const fallback: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET' || c.req.path.startsWith('/api/') || !existsSync(indexFile)) return next()
    c.header('cache-control', 'no-cache')
    return c.html(readFileSync(indexFile, 'utf8'))
  }
  return [files, fallback]
}
