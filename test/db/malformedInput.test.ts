import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, type TestApp } from '../helpers/testApp.ts'
import { MUTATIONS } from '../../shared/sync/mutations.ts'

const JUNK_BODIES: [string, string][] = [
  ['not JSON', '{"broken'],
  ['a JSON string', '"hello"'],
  ['an array', '[1,2,3]'],
  ['wrong types', '{"clientId":5,"protocolVersion":"x","mutations":{},"cursors":[],"email":7}'],
  ['an empty object', '{}'],
  ['null', 'null'],
]

/** Every route in the generated OpenAPI document, fed junk: always 4xx problem+json naming what was wrong, never 5xx. */
describe.each(TEST_DATABASES)('malformed input on %s', (kind) => {
  let t: TestApp
  let cookie: string
  let operations: { method: string; path: string }[] = []
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
    cookie = await t.signIn('admin@demo.example')
    const doc = (await (await t.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    )
  })
  afterAll(async () => {
    await t.close()
  })

  it('lists every API route in the OpenAPI document', () => {
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'POST /api/sync/push',
        'POST /api/sync/pull',
        'GET /api/networks/{slug}',
        'POST /api/auth/dev/sign-in',
      ]),
    )
  })

  it('lists every mutation the push route accepts, by name with its arguments, so an integrator sees the whole write catalogue', async () => {
    const doc = (await (await t.request('/api/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody: {
              content: Record<
                string,
                {
                  schema: {
                    properties: {
                      mutations: { items: { anyOf: { properties: { name: { const: string }; args: object } }[] } }
                    }
                  }
                }
              >
            }
          }
        >
      >
    }
    const items =
      doc.paths['/api/sync/push']!.post!.requestBody.content['application/json']!.schema.properties.mutations.items
        .anyOf
    expect(items.map((i) => i.properties.name.const).sort()).toEqual(Object.keys(MUTATIONS).sort())
    expect(items.every((i) => typeof i.properties.args === 'object')).toBe(true)
  })

  it('answers junk bodies on every write route with 4xx problem+json', async () => {
    for (const { method, path } of operations.filter((o) => o.method !== 'GET')) {
      for (const [label, body] of JUNK_BODIES) {
        for (const asUser of [undefined, cookie]) {
          const res = await t.request(path.replace(/\{\w+\}/g, 'x'), {
            method,
            body,
            cookie: asUser,
            headers: { 'content-type': 'application/json' },
          })
          const what = `${method} ${path} with ${label} (${asUser ? 'signed in' : 'anonymous'})`
          expect(res.status, what).toBeGreaterThanOrEqual(200)
          expect(res.status, what).toBeLessThan(500)
          if (res.status >= 400) {
            expect(res.headers.get('content-type'), what).toContain('application/problem+json')
            const problem = (await res.json()) as { type: string; title: string; status: number }
            expect(problem.status, what).toBe(res.status)
            expect(problem.type, what).toMatch(/^urn:alumni:problem:/)
          }
        }
      }
    }
  })

  it('names the offending field in the problem', async () => {
    const res = await t.request('/api/sync/pull', {
      method: 'POST',
      json: { protocolVersion: 1, cursors: { public: -3 } },
    })
    expect(res.status).toBe(422)
    expect((await res.json()).errors).toEqual([expect.objectContaining({ path: ['body', 'cursors', 'public'] })])
  })

  it('answers bad path parameters and unknown routes with problem+json', async () => {
    for (const path of ['/api/networks/NOT%20A%20SLUG', '/api/networks/no-such-network', '/api/nothing-here']) {
      const res = await t.request(path)
      expect(res.status, path).toBeGreaterThanOrEqual(400)
      expect(res.status, path).toBeLessThan(500)
      expect(res.headers.get('content-type'), path).toContain('application/problem+json')
    }
  })

  it('refuses a body over 1 MB with 413', async () => {
    const res = await t.request('/api/sync/pull', {
      method: 'POST',
      body: `{"pad":"${'x'.repeat(1_100_000)}"}`,
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })
})
