import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../../scripts/chromium.ts'
import { startLiveServer, type LiveServer } from '../helpers/liveServer.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'
import { signInAsDemo, waitForSync } from '../helpers/pages.ts'
import { liveChangeAs } from '../helpers/liveApi.ts'
import { startPushEndpoint, type PushEndpoint } from '../helpers/pushEndpoint.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'
import { PHONE } from '../helpers/phoneTest.ts'

/**
 * Push notices on the phone. Headless Chromium has no push service, so
 * `pushManager.subscribe` cannot succeed here: the test stands in for it with
 * a subscription whose keys it made, pointing at a local push endpoint that
 * decrypts what the server sends; that payload is then delivered to the
 * service worker with the DevTools protocol, as the push service would.
 */
describe('push notices, in Chromium', () => {
  let server: LiveServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let endpoint: PushEndpoint

  beforeAll(async () => {
    server = await startLiveServer()
    endpoint = await startPushEndpoint()
    browser = await launchChromium()
    context = await browser.newContext({
      ...PHONE,
      permissions: ['notifications'],
    })
    page = await context.newPage()
    await signInAsDemo(page, server.url, 'alumn@demo.example')
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await endpoint?.close()
  })

  const topicsOf = async () =>
    (
      await server.database.db
        .selectFrom('notificationSettings')
        .select('networks')
        .where('personId', '=', labelledId('p-demo-alumn'))
        .executeTakeFirst()
    )?.networks

  it('asks for permission only on a tap, says plainly when this browser cannot subscribe, and saves topic choices made offline', async () => {
    // Count the permission prompts the page asks for.
    await context.addInitScript(() => {
      const counted = window as unknown as { permissionAsks: number }
      counted.permissionAsks = 0
      const ask = Notification.requestPermission.bind(Notification)
      Notification.requestPermission = (...args) => {
        counted.permissionAsks++
        return ask(...args)
      }
    })
    await page.goto(`${server.url}/me/notifications`)
    await page.getByRole('heading', { level: 1, name: 'Varsler' }).waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    const asks = () => page.evaluate(() => (window as unknown as { permissionAsks: number }).permissionAsks)
    expect(await asks()).toBe(0)
    await page.getByTestId('notify-me').click()
    await page.getByTestId('push-failed').waitFor()
    expect(await asks()).toBe(1)

    const socialInXimk = page
      .getByTestId('push-topics')
      .getByRole('group', { name: 'X-IMK' })
      .getByLabel('Nye sosiale treff')
    expect(await socialInXimk.isChecked()).toBe(true)
    await context.setOffline(true)
    await socialInXimk.uncheck()
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('1 venter')
    await context.setOffline(false)
    await expect.poll(topicsOf, { timeout: 15_000 }).toBe(JSON.stringify({ [labelledId('net-ximk')]: ['myEvents'] }))
    await socialInXimk.check()
    await expect
      .poll(topicsOf, { timeout: 15_000 })
      .toBe(JSON.stringify({ [labelledId('net-ximk')]: ['social', 'myEvents'] }))
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('shows the notice the server pushed and opens the event page offline when it is tapped', async () => {
    // The stand-in subscription (see above), registered as the page would.
    const subscription = { ...endpoint.subscription('alumn-phone'), label: 'Chrome, Linux (test)' }
    const status = await page.evaluate(
      async (body) =>
        (
          await fetch('/api/push/subscriptions', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).status,
      subscription,
    )
    expect(status).toBe(200)
    await page.reload()
    await page.getByTestId('push-devices').getByText('Chrome, Linux (test)').waitFor()

    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString()
    await liveChangeAs(server, 'admin@demo.example', 'event.save', {
      event: {
        id: labelledId('ev-push-e2e'),
        networkId: labelledId('net-ximk'),
        type: 'social',
        title: 'Pils på Grünerløkka',
        description: 'Vi ses!',
        startsAt,
        endsAt: startsAt,
        place: 'Schouskjelleren',
        city: 'Oslo',
        capacity: null,
        status: 'published',
        audience: 'members',
      },
    })
    // The server's push worker sends it; the local push service decrypts it.
    await expect.poll(() => endpoint.received.length, { timeout: 15_000 }).toBe(1)
    const [push] = endpoint.received
    expect(push!.payload).toMatchObject({
      type: 'event.new',
      id: labelledId('ev-push-e2e'),
      title: 'Pils på Grünerløkka',
      url: `/e/${labelledId('ev-push-e2e')}`,
    })

    // The phone has the event before it goes offline (its sync follows the server's hint).
    await page.goto(`${server.url}/events`)
    await page.getByRole('link', { name: /Pils på Grünerløkka/ }).waitFor({ timeout: 20_000 })
    await waitForSync(page)
    await page.goto(`${server.url}/me`)

    const cdp = await context.newCDPSession(page)
    const registrationId = await new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL === `${server.url}/` && !r.isDeleted)
        if (ours) resolve(ours.registrationId)
      })
      void cdp.send('ServiceWorker.enable')
    })
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: server.url,
      registrationId,
      data: JSON.stringify(push!.payload),
    })
    const shown = async () =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
          title: n.title,
          body: n.body,
          tag: n.tag,
        })),
      )
    await expect.poll(shown, { timeout: 10_000 }).toEqual([
      {
        title: 'Pils på Grünerløkka',
        body: expect.stringMatching(/^Nytt sosialt treff: .+, Schouskjelleren$/),
        tag: `event:${labelledId('ev-push-e2e')}`,
      },
    ])

    // A tap, offline: the service worker's click handler brings the app to the event, drawn from the phone's copy.
    await context.setOffline(true)
    const [worker] = context.serviceWorkers()
    await worker!.evaluate(async () => {
      const scope = self as unknown as { registration: ServiceWorkerRegistration; dispatchEvent: (e: Event) => boolean }
      const [notification] = await scope.registration.getNotifications()
      scope.dispatchEvent(
        new (
          globalThis as unknown as {
            NotificationEvent: new (type: string, init: { notification: Notification }) => Event
          }
        ).NotificationEvent('notificationclick', { notification: notification! }),
      )
    })
    await page.waitForURL(`${server.url}/e/${labelledId('ev-push-e2e')}`)
    await page.getByTestId('event-page').getByRole('heading', { level: 1, name: 'Pils på Grünerløkka' }).waitFor()
    expect(await shown()).toEqual([])
    await context.setOffline(false)
  })

  it('tells an iPhone user in Safari to add the app to the Home Screen first', async () => {
    const iphone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'nb-NO',
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    })
    const phone = await iphone.newPage()
    await signInAsDemo(phone, server.url, 'styre@demo.example')
    await phone.goto(`${server.url}/me/notifications`)
    await phone
      .getByTestId('push-this-device')
      .getByText(/«Legg til på Hjem-skjerm»/)
      .waitFor()
    expect(await phone.getByTestId('notify-me').count()).toBe(0)
    await iphone.close()
  })
})
