import { z } from 'zod'
import { PROBLEM_TYPES, problemTypeFromUri, problemTypeUri, type ProblemType } from './problemTypes.ts'

export const ProblemTypeSchema = z.enum(PROBLEM_TYPES)

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

export { problemTypeUri, problemTypeFromUri, type ProblemType }
