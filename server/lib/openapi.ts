import type { Hono } from 'hono'
import { z } from 'zod'
import type { Documented } from './validate.ts'
import { ProblemSchema } from '../../shared/problem.ts'

interface Info {
  summary: string
  tags?: string[]
  response?: z.ZodType
  /** The body as documented when it says more than the route's own check (the push route's mutation catalogue). */
  request?: z.ZodType
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' })
}

/**
 * Builds the OpenAPI 3.1 document from the app's own routes: every route whose
 * middlewares came from `validate()` or `describe()` is listed with the Zod
 * schemas it really uses. Nothing here is written by hand, so it cannot drift.
 */
export function buildOpenApiDocument(app: Hono<never>, meta: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of app.routes) {
    const handler = route.handler as Partial<Documented> & { openapiInfo?: Info }
    if (!handler.openapi && !handler.openapiInfo) continue
    const path = route.path.replace(/:(\w+)/g, '{$1}')
    const method = route.method.toLowerCase()
    const operation = ((paths[path] ??= {})[method] as Record<string, unknown> | undefined) ?? {
      responses: {
        '4XX': {
          description: 'Problem',
          content: { 'application/problem+json': { schema: toJsonSchema(ProblemSchema, 'output') } },
        },
      },
      parameters: [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
    }
    if (handler.openapiInfo) {
      const { summary, tags, response, request } = handler.openapiInfo
      Object.assign(operation, { summary, tags })
      if (request) {
        operation.requestBody = {
          required: true,
          content: { 'application/json': { schema: toJsonSchema(request, 'input') } },
        }
      }
      ;(operation.responses as Record<string, unknown>)['200'] = {
        description: 'OK',
        ...(response ? { content: { 'application/json': { schema: toJsonSchema(response, 'output') } } } : {}),
      }
    }
    if (handler.openapi) {
      const { target, schema } = handler.openapi
      if (target === 'json') {
        operation.requestBody ??= {
          required: true,
          content: { 'application/json': { schema: toJsonSchema(schema, 'input') } },
        }
      } else if (target === 'query' || target === 'param') {
        const shape = toJsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] }
        const where = target === 'query' ? 'query' : 'path'
        const params = (operation.parameters as { name: string }[]).filter(
          (p) => !(shape.properties && p.name in shape.properties),
        )
        for (const [name, s] of Object.entries(shape.properties ?? {})) {
          params.push({
            name,
            in: where,
            required: where === 'path' || (shape.required ?? []).includes(name),
            schema: s,
          } as never)
        }
        operation.parameters = params
      }
    }
    paths[path]![method] = operation
  }
  return { openapi: '3.1.0', info: meta, paths }
}
