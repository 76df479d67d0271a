import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, brotliDecompressSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/testApp.ts'
import { precompress } from '../../scripts/precompress.ts'

/** What goes over the wire: the build's files precompressed, every JSON answer compressed, hashed files cached for good. */
describe('compression and caching (sqlite)', () => {
  let t: TestApp
  let dir: string
  const script = `export const greeting = ${JSON.stringify('hei '.repeat(2000))}\n`

  beforeAll(async () => {
    // A built client in miniature: one hashed asset, the page, the service worker.
    dir = mkdtempSync(join(tmpdir(), 'alumni-dist-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'assets', 'index-AbC123.js'), script)
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>Alumni</title><p>${'x'.repeat(3000)}</p>`)
    writeFileSync(join(dir, 'sw.js'), `self.addEventListener('fetch', () => {}) // ${'y'.repeat(3000)}`)
    expect(precompress(dir).files).toBe(3)
    t = await createTestApp('sqlite', { members: 0, clientDir: dir })
  })
  afterAll(async () => {
    await t.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('sends a hashed asset as brotli where accepted, else gzip, cached for a year', async () => {
    const br = await t.request('/assets/index-AbC123.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('content-type')).toMatch(/javascript/)
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(script)
    const gz = await t.request('/assets/index-AbC123.js', { headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script)
    const plain = await t.request('/assets/index-AbC123.js', { headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe(script)
  })

  it('compresses the service worker and the page but never lets them be cached stale', async () => {
    const sw = await t.request('/sw.js', { headers: { 'accept-encoding': 'br' } })
    expect([sw.headers.get('content-encoding'), sw.headers.get('cache-control')]).toEqual(['br', 'no-cache'])
    const page = await t.request('/n/x-imk', { headers: { 'accept-encoding': 'gzip' } })
    expect([page.headers.get('content-encoding'), page.headers.get('cache-control')]).toEqual(['gzip', 'no-cache'])
  })

  it('gzips every JSON answer of some size, not only sync pages, and leaves the event stream alone', async () => {
    for (const path of ['/api/openapi.json', '/api/keys']) {
      const res = await t.request(path, { headers: { 'accept-encoding': 'gzip' } })
      expect(res.status).toBe(200)
      const size = (await res.clone().arrayBuffer()).byteLength
      if (size >= 1024 || res.headers.get('content-encoding')) expect(res.headers.get('content-encoding')).toBe('gzip')
    }
    const openApi = await t.request('/api/openapi.json', { headers: { 'accept-encoding': 'gzip' } })
    expect(openApi.headers.get('content-encoding')).toBe('gzip')
    const problem = await t.request('/api/networks/no-such/invitations', { headers: { 'accept-encoding': 'gzip' } })
    expect(problem.headers.get('content-type')).toMatch(/problem\+json/)
    const stream = await t.request('/api/sync/events', { headers: { 'accept-encoding': 'gzip' } })
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/)
    expect(stream.headers.get('content-encoding')).toBeNull()
    await stream.body?.cancel()
  })
})
