import { z } from 'zod'
import { IdSchema, NewIdSchema, lineSchema } from './common.ts'

/** A degree or study right a person has registered: what admission rules are checked against. */
export const EducationSchema = z.object({
  id: IdSchema,
  personId: IdSchema,
  institutionId: IdSchema,
  programme: lineSchema(200).min(1),
  degree: z.enum(['bachelor', 'master', 'phd', 'other']),
  status: z.enum(['student', 'graduated']),
  graduationYear: z.int32().min(1900).max(2100).nullable(),
  /** ECTS credits taken at the institution (NHH: one is enough). */
  credits: z.int32().min(0).max(1000),
})
export type Education = z.infer<typeof EducationSchema>

/** What a person registers: the server fills in the id's owner. */
export const NewEducationSchema = EducationSchema.omit({ personId: true }).extend({ id: NewIdSchema })

/** The education entities devices hold, by entity name, with the schema of a row as sent. */
export const EDUCATION_ENTITIES = {
  education: EducationSchema,
} as const

/** The changes a device can queue about education rows, by name, with the schema of their arguments. */
export const EDUCATION_MUTATIONS = {
  'education.add': z.object({ education: NewEducationSchema }),
  'education.remove': z.object({ educationId: IdSchema }),
} as const
