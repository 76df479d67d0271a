import { z } from 'zod'

/**
 * The error types the API answers with (RFC 9457 `type` values). The client
 * maps each to a translated message, so the list lives here, once.
 */
export const ProblemTypeSchema = z.enum([
  'validation', 'malformed', 'not-found', 'unauthenticated', 'forbidden', 'conflict',
  'rate-limited', 'client-too-old', 'unavailable', 'payload-too-large', 'internal',
])
export type ProblemType = z.infer<typeof ProblemTypeSchema>

/** One field a request got wrong, with its path in the body (`["mutations", 0, "args", "name"]`). */
export const FieldErrorSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
})
export type FieldError = z.infer<typeof FieldErrorSchema>

/** The body of every 4xx/5xx answer: `application/problem+json`. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string().optional(),
  errors: z.array(FieldErrorSchema).optional(),
})
export type Problem = z.infer<typeof ProblemSchema>

/** `urn:problem:validation` ⇄ `validation`: the type URI the server sends for a short name. */
export function problemTypeUri(type: ProblemType): string {
  return `urn:alumni:problem:${type}`
}

/** The short name back from a type URI, or `internal` for anything unknown. */
export function problemTypeFromUri(uri: string): ProblemType {
  const parsed = ProblemTypeSchema.safeParse(uri.replace(/^urn:alumni:problem:/, ''))
  return parsed.success ? parsed.data : 'internal'
}
