import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import { precompress } from '../../scripts/precompress.ts'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchChromium } from '../../scripts/chromium.ts'
import { startLiveServer, type LiveServer } from '../helpers/liveServer.ts'
import { signInAsDemo } from '../helpers/pages.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'
import { PHONE } from '../helpers/phoneTest.ts'

/**
 * A new version is deployed while a person has the app open with a change
 * still waiting to be sent: they are offered the update, take it, and the
 * waiting change is sent afterwards, not lost.
 */
describe('updating the app, in Chromium', () => {
  let clientDir: string
  let server: LiveServer
  let browser: Browser

  beforeAll(async () => {
    clientDir = mkdtempSync(join(tmpdir(), 'alumni-client-'))
    cpSync('dist', clientDir, { recursive: true })
    server = await startLiveServer({ clientDir })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(clientDir, { recursive: true, force: true })
  })

  it('offers a new version, and keeps the outbox across the update', async () => {
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    await page.goto(server.url)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    await signInAsDemo(page, server.url, 'admin@demo.example')

    // The server cannot take changes for now; one edit waits in the outbox.
    await page.route('**/api/sync/push', (route) => route.abort('connectionreset'))
    await page.goto(`${server.url}/n/x-imk/edit`)
    await page.getByLabel('Formål').fill('Skrevet før oppdateringen')
    await page.getByRole('button', { name: 'Lagre' }).click()
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('1 venter')

    // Deploy a new version: the service worker file changes.
    appendFileSync(join(clientDir, 'sw.js'), '\n// next version\n')
    // As a build does: the compressed copies the server sends are made anew.
    precompress(clientDir)
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())!.update()
    })
    await page.getByText('En ny versjon av appen er klar.').waitFor()

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Oppdater nå' }).click()])
    await page.getByTestId('network-purpose').getByText('Skrevet før oppdateringen').waitFor()
    expect(await page.getByText('En ny versjon av appen er klar.').count()).toBe(0)
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('1 venter')

    await page.unroute('**/api/sync/push')
    await page.goto(`${server.url}/me`)
    await page.getByRole('button', { name: 'Synkroniser nå' }).click()
    await page.getByTestId('pending-count').waitFor({ state: 'detached' })
    const network = await server.database.db
      .selectFrom('network')
      .select('purpose')
      .where('id', '=', labelledId('net-ximk'))
      .executeTakeFirstOrThrow()
    expect(network.purpose).toBe('Skrevet før oppdateringen')
    await context.close()
  })
})
