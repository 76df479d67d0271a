import { z } from 'zod'
import { DateSchema, IdSchema, InstantSchema, NewIdSchema, lineSchema } from './common.ts'

/**
 * Where an education row comes from: what the person says about themselves
 * (`self`), the institution's own records (`institution`: an imported graduate
 * list, or staff who checked by hand), or an identity provider's assertion
 * (`idp`: Feide's affiliation). A claim grants nothing that needs proof.
 */
export const EducationSourceSchema = z.enum(['self', 'institution', 'idp'])
export type EducationSource = z.infer<typeof EducationSourceSchema>

/** A degree or study right a person has: what admission rules are checked against. */
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
  source: EducationSourceSchema,
  /** When the institution or the identity provider confirmed it (null for a claim). */
  verifiedAt: InstantSchema.nullable(),
  /** The exact day of graduation, where the institution's records give it. */
  graduatedOn: DateSchema.nullable(),
})
export type Education = z.infer<typeof EducationSchema>

/** What a person registers themselves: always a claim; the server fills in the owner and the provenance. */
export const NewEducationSchema = EducationSchema.omit({
  personId: true,
  source: true,
  verifiedAt: true,
  graduatedOn: true,
}).extend({ id: NewIdSchema })

/** The education entities devices hold, by entity name, with the schema of a row as sent. */
export const EDUCATION_ENTITIES = {
  education: EducationSchema,
} as const

/** The changes a device can queue about education rows, by name, with the schema of their arguments. */
export const EDUCATION_MUTATIONS = {
  'education.add': z.object({ education: NewEducationSchema }),
  'education.remove': z.object({ educationId: IdSchema }),
  /** Staff who checked a claim against the institution's records confirm it (audited). */
  'education.verify': z.object({ educationId: IdSchema, networkId: IdSchema }),
} as const
