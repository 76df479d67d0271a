/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { clientsClaim } from 'workbox-core'
import { CacheFirst } from 'workbox-strategies'
import { ExpirationPlugin } from 'workbox-expiration'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string, revision: string | null })[] }

// The app shell: every built file, so every route opens with no connection.
precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()

// Any navigation (deep links included) gets the cached shell; the API is never served from here:
// data comes from IndexedDB through the sync engine, not from HTTP caches.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }))

// Profile photos: versioned URLs, so a cached copy is never stale. Seen once online, shown offline.
registerRoute(({ url }) => /^\/api\/people\/[^/]+\/photo$/.test(url.pathname), new CacheFirst({
  cacheName: 'photos',
  plugins: [new ExpirationPlugin({ maxEntries: 2000, maxAgeSeconds: 60 * 60 * 24 * 90 })],
}))

// First install: take control at once so the first visit already works offline.
// Later versions wait until the person taps "update" (see the update prompt).
clientsClaim()
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting()
})
