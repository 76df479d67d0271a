import { describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import { z } from 'zod'
import { buildOpenApiDocument } from './openapi.ts'
import { describe as describeRoute, validate } from './validate.ts'

describe('OpenAPI from the routes', () => {
  const Body = z.object({ name: z.string().min(1), count: z.int().optional() })
  const app = new Hono()
    .post(
      '/things/:id',
      describeRoute({ summary: 'Make a thing', response: z.object({ ok: z.boolean() }) }),
      validate('json', Body),
      (c) => c.json({ ok: true }),
    )
    .get('/undocumented', (c) => c.text('hi'))
  const doc = buildOpenApiDocument(app as never, { title: 't', version: '1' })

  it('lists documented routes with their path parameters, body schema and answer', () => {
    // The document is plain JSON: walk it as such.
    const op = JSON.parse(JSON.stringify(doc.paths['/things/{id}']!.post)) as {
      summary: string
      parameters: unknown[]
      requestBody: { content: Record<string, { schema: { required: string[] } }> }
      responses: Record<
        string,
        { content: Record<string, { schema: { properties: Record<string, { type: string }> } }> }
      >
    }
    expect(op.summary).toBe('Make a thing')
    expect(op.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }])
    expect(op.requestBody.content['application/json']!.schema.required).toEqual(['name'])
    expect(op.responses['200']!.content['application/json']!.schema.properties.ok!.type).toBe('boolean')
    expect(op.responses['4XX']!.content).toHaveProperty(['application/problem+json'])
  })

  it('leaves out routes that declare nothing', () => {
    expect(doc.paths).not.toHaveProperty('/undocumented')
  })
})
