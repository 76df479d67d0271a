import { z } from 'zod'
import { EmailSchema, IdSchema, NameSchema, lineSchema } from './common.ts'

/** A university or college (UiO, NHH, NTNU ...). */
export const InstitutionSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  shortName: lineSchema(20).min(1),
})
export type Institution = z.infer<typeof InstitutionSchema>

/** A faculty of an institution, with the person who coordinates its alumni work (UiA, SV). */
export const FacultySchema = z.object({
  id: IdSchema,
  institutionId: IdSchema,
  name: NameSchema,
  shortName: lineSchema(20).min(1),
  contactName: NameSchema.nullable(),
  contactEmail: EmailSchema.nullable(),
})
export type Faculty = z.infer<typeof FacultySchema>

/** The faculty entities devices hold, by entity name, with the schema of a row as sent. */
export const FACULTY_ENTITIES = {
  institution: InstitutionSchema,
  faculty: FacultySchema,
} as const
