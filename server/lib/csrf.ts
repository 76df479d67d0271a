import type { MiddlewareHandler } from 'hono'
import { AppError } from './problem.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Cross-site request forgery protection for cookie-authenticated writes:
 * a write that carries a cookie must come from this app's own pages. Browsers
 * say where a request comes from (`Sec-Fetch-Site`, `Origin`); a cross-site
 * one is refused, and so is a cookie-carrying write that says nothing, since
 * every current browser sends `Origin` on such requests.
 * Writes without a cookie (sign-in, anonymous pulls) authenticate nothing and pass.
 */
export function csrfProtection(allowedOrigin: (requestUrl: string) => string): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || !c.req.header('cookie')) return next()
    const site = c.req.header('sec-fetch-site')
    const origin = c.req.header('origin')
    if (site && site !== 'same-origin' && site !== 'none') throw new AppError('forbidden', 'Cross-site request refused')
    if (origin && origin !== allowedOrigin(c.req.url)) throw new AppError('forbidden', 'Cross-site request refused')
    if (!site && !origin) throw new AppError('forbidden', 'Request origin missing')
    return next()
  }
}
