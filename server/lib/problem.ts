import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import { problemTypeUri, type FieldError, type Problem, type ProblemType } from '../../shared/problem.ts'

const TITLES: Record<ProblemType, string> = {
  validation: 'The request is not valid',
  malformed: 'The request body could not be read',
  'not-found': 'Not found',
  unauthenticated: 'Sign-in required',
  forbidden: 'Not allowed',
  conflict: 'Conflict',
  'rate-limited': 'Too many requests',
  'client-too-old': 'This app version is too old; update it',
  unavailable: 'Temporarily unavailable; try again',
  'payload-too-large': 'The request is too large',
  internal: 'Something went wrong on our side',
}

const STATUS: Record<ProblemType, ContentfulStatusCode> = {
  validation: 422,
  malformed: 400,
  'not-found': 404,
  unauthenticated: 401,
  forbidden: 403,
  conflict: 409,
  'rate-limited': 429,
  'client-too-old': 426,
  unavailable: 503,
  'payload-too-large': 413,
  internal: 500,
}

/**
 * The one error type the server throws on purpose. It becomes an RFC 9457
 * problem+json answer, and inside a sync push it becomes a rejection.
 *
 * @example throw new AppError('forbidden', 'Only the network\'s staff may edit its page')
 */
export class AppError extends Error {
  readonly type: ProblemType
  readonly errors: FieldError[] | undefined
  /** For a refusal that passes: when to try again, in seconds (the `Retry-After` header). */
  readonly retryAfterS: number | undefined
  constructor(type: ProblemType, detail?: string, errors?: FieldError[], options: { retryAfterS?: number } = {}) {
    super(detail ?? TITLES[type])
    this.type = type
    this.errors = errors
    this.retryAfterS = options.retryAfterS
  }

  get status(): ContentfulStatusCode {
    return STATUS[this.type]
  }

  toProblem(): Problem {
    return {
      type: problemTypeUri(this.type),
      title: TITLES[this.type],
      status: this.status,
      ...(this.message !== TITLES[this.type] ? { detail: this.message } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    }
  }
}

/** A validation error naming each field Zod refused, with its path prefixed by `at` (e.g. `['body']`). */
export function validationError(error: z.ZodError, at: (string | number)[] = []): AppError {
  const errors = error.issues.map((issue) => ({
    path: [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
  }))
  const fields = errors.map((e) => e.path.join('.') || '(body)').join(', ')
  return new AppError('validation', `Invalid: ${fields}`, errors)
}

/** Answers `c` with the problem as `application/problem+json`. */
export function problemResponse(c: Context, error: AppError): Response {
  return c.body(JSON.stringify(error.toProblem()), error.status, {
    'content-type': 'application/problem+json',
    ...(error.retryAfterS !== undefined ? { 'retry-after': String(error.retryAfterS) } : {}),
  })
}
