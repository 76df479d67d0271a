import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

/**
 * Strict headers from the start: a Content-Security-Policy that allows only
 * this origin's own scripts (no inline code, no eval), no framing, no referrer
 * leaks. The one exception is 'wasm-unsafe-eval': compiling WebAssembly
 * (the QR decoder at the door, on phones without BarcodeDetector), which
 * allows no JavaScript eval.
 */
export function securityHeaders(): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      styleSrc: ["'self'"],
      // https: images in newsletters, which staff link to (images cannot run code).
      imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'strict-origin-when-cross-origin',
    crossOriginEmbedderPolicy: false,
    permissionsPolicy: { camera: ['self'], geolocation: [], microphone: [] },
  })
  // A route with a policy of its own (the newsletter preview, stricter still) keeps it.
  return async (c, next) => {
    let own: string | null = null
    await headers(c, async () => {
      await next()
      own = c.res.headers.get('content-security-policy')
    })
    if (own) c.res.headers.set('content-security-policy', own)
  }
}
