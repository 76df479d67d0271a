import { z } from 'zod'
import { IdSchema, NewIdSchema } from './common.ts'

/** A degree or study right a person has registered: what admission rules are checked against. */
export const EducationSchema = z.object({
  id: IdSchema,
  personId: IdSchema,
  institutionId: IdSchema,
  programme: z.string().trim().min(1).max(200),
  degree: z.enum(['bachelor', 'master', 'phd', 'other']),
  status: z.enum(['student', 'graduated']),
  graduationYear: z.int().min(1900).max(2100).nullable(),
  /** ECTS credits taken at the institution (NHH: one is enough). */
  credits: z.int().min(0).max(1000),
})
export type Education = z.infer<typeof EducationSchema>

/** What a person registers: the server fills in the id's owner. */
export const NewEducationSchema = EducationSchema.omit({ personId: true }).extend({ id: NewIdSchema })
