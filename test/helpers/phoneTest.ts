/* eslint-disable no-empty-pattern -- Vitest reads which fixtures a fixture needs from its first argument's pattern */
import { test } from 'vitest'
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core'
import { launchChromium } from '../../scripts/chromium.ts'
import { startLiveServer, type LiveServer } from './liveServer.ts'

/** A cheap phone in Norway: the narrowest width the app is designed for, Norwegian, on Oslo's clock. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  locale: 'nb-NO',
  timezoneId: 'Europe/Oslo',
}

/**
 * The end-to-end tests' shared set-up as Vitest fixtures: `server` (the whole
 * app on one port, with its own database) and `browser` (the system
 * Chromium), one of each per file; `phone()` opens a browser profile of its
 * own, closed after the test whatever happened.
 *
 * @example const it = phoneTest({ members: 0 })
 *          it('signs in', async ({ server, phone }) => { const page = await (await phone()).newPage() })
 */
export function phoneTest(serverOptions: Parameters<typeof startLiveServer>[0] = {}) {
  return test
    .extend('server', { scope: 'file' }, async ({}, { onCleanup }): Promise<LiveServer> => {
      const server = await startLiveServer(serverOptions)
      onCleanup(() => server.stop())
      return server
    })
    .extend('browser', { scope: 'file' }, async ({}, { onCleanup }): Promise<Browser> => {
      const browser = await launchChromium()
      onCleanup(() => browser.close())
      return browser
    })
    .extend('phone', async ({ browser }, { onCleanup }) => {
      const opened: BrowserContext[] = []
      onCleanup(async () => {
        await Promise.all(opened.map((context) => context.close().catch(() => undefined)))
      })
      return async (options: BrowserContextOptions = {}): Promise<BrowserContext> => {
        const context = await browser.newContext({ ...PHONE, ...options })
        opened.push(context)
        return context
      }
    })
}
