import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { z } from 'zod'
import { validationError } from './problem.ts'

/** Marks a middleware with the schema it checks, so the OpenAPI document can be generated from the routes. */
export interface Documented {
  openapi: { target: keyof ValidationTargets; schema: z.ZodType }
}

/**
 * Validates one part of the request with a shared Zod schema. A failure
 * throws a 422 problem naming each field; the handler sees the parsed,
 * typed value through `c.req.valid(target)`.
 *
 * @example app.post('/x', validate('json', PushRequestSchema), (c) => c.json(c.req.valid('json')))
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  const middleware = zValidator(target, schema, (result) => {
    if (!result.success)
      throw validationError(result.error as unknown as z.ZodError, [target === 'json' ? 'body' : target])
  })
  return Object.assign(middleware, { openapi: { target, schema } } satisfies Documented)
}

/** A no-op middleware that documents a route's summary and answer schema. */
export function describe(info: { summary: string; tags?: string[]; response?: z.ZodType; request?: z.ZodType }) {
  const middleware = async (_c: unknown, next: () => Promise<void>) => {
    await next()
  }
  return Object.assign(middleware, { openapiInfo: info })
}
