/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { clientsClaim } from 'workbox-core'
import { CacheFirst } from 'workbox-strategies'
import { ExpirationPlugin } from 'workbox-expiration'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] }

// The app shell: every built file, so every route opens with no connection.
precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()

// Any navigation (deep links included) gets the cached shell; the API is never served from here:
// data comes from IndexedDB through the sync engine, not from HTTP caches.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }))

// Profile photos: versioned URLs, so a cached copy is never stale. Seen once online, shown offline.
registerRoute(
  ({ url }) => /^\/api\/people\/[^/]+\/photo$/.test(url.pathname),
  new CacheFirst({
    cacheName: 'photos',
    plugins: [new ExpirationPlugin({ maxEntries: 2000, maxAgeSeconds: 60 * 60 * 24 * 90 })],
  }),
)

// First install: take control at once so the first visit already works offline.
// Later versions wait until the person taps "update" (see the update prompt).
clientsClaim()
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting()
})

// Push: show the notice the server sent (`{ type, id, title, body, url }`, under 1 KB). One notice per
// event: an update (a change, then a cancellation) replaces the earlier one instead of piling up.
interface PushNotice {
  type?: string
  id?: string
  title?: string
  body?: string
  url?: string
}
self.addEventListener('push', (event) => {
  let notice: PushNotice
  try {
    notice = (event.data?.json() ?? {}) as PushNotice
  } catch {
    notice = { body: event.data?.text() }
  }
  const group = notice.type?.startsWith('event.') ? 'event' : (notice.type ?? 'notice')
  event.waitUntil(
    self.registration.showNotification(notice.title ?? 'Alumninettverk', {
      body: notice.body ?? '',
      tag: `${group}:${notice.id ?? ''}`,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { url: notice.url?.startsWith('/') ? notice.url : '/' },
    }),
  )
})

// A tap opens the app on the notice's screen, which renders from the phone's own copy (offline too):
// an open window of the app is brought forward and sent there, else a new one opens.
self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const url = new URL((event.notification.data as { url?: string } | null)?.url ?? '/', self.location.origin).href
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin)
      if (open) {
        await open.focus().catch(() => undefined)
        await open.navigate(url)
        return
      }
      await self.clients.openWindow(url)
    })(),
  )
})
