/**
 * The error types the API answers with (RFC 9457 `type` values), as plain
 * data: the client's first screen reads these without loading Zod.
 */
export const PROBLEM_TYPES = [
  'validation',
  'malformed',
  'not-found',
  'unauthenticated',
  'forbidden',
  'conflict',
  'rate-limited',
  'client-too-old',
  'unavailable',
  'payload-too-large',
  'internal',
] as const
export type ProblemType = (typeof PROBLEM_TYPES)[number]

/** The type URI the server sends for a short name. @example problemTypeUri('forbidden') // 'urn:alumni:problem:forbidden' */
export function problemTypeUri(type: ProblemType): string {
  return `urn:alumni:problem:${type}`
}

/** The short name back from a type URI, or `internal` for anything unknown. */
export function problemTypeFromUri(uri: string): ProblemType {
  const name = uri.replace(/^urn:alumni:problem:/, '')
  return (PROBLEM_TYPES as readonly string[]).includes(name) ? (name as ProblemType) : 'internal'
}
