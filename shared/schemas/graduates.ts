import { z } from 'zod'
import { DateSchema, EmailSchema, lineSchema } from './common.ts'

/** How large a graduate file the server reads at once: a big faculty's year, several times over. */
export const GRADUATE_FILE_MAX_CHARS = 5_000_000

/**
 * One graduate as a line of the student register's export (FS and the like)
 * reads after its columns are recognised: the institution's own id for the
 * person (the student number), the degree and when it was conferred. The
 * national id number is only checked and hashed on the server: it is never
 * stored in plain text and never reaches a device.
 */
export const GraduateLineSchema = z.object({
  studentNumber: lineSchema(40).min(1),
  nationalId: z
    .string()
    .regex(/^\d{11}$/, 'eleven digits')
    .nullable(),
  email: EmailSchema.nullable(),
  name: lineSchema(200).min(1),
  programmeCode: lineSchema(40).nullable(),
  programme: lineSchema(200).min(1),
  degree: z.enum(['bachelor', 'master', 'phd', 'other']),
  graduatedOn: DateSchema.nullable(),
  graduationYear: z.int32().min(1900).max(2100),
  credits: z.int32().min(0).max(1000),
})
export type GraduateLine = z.infer<typeof GraduateLineSchema>

export const GraduateImportRequestSchema = z.object({
  csv: z.string().max(GRADUATE_FILE_MAX_CHARS),
  /** Report what would happen, line by line, and write nothing. */
  dryRun: z.boolean(),
})

/**
 * What became of a line: a graduate the app did not know (`new`), one now
 * tied to an account (`matched`), one already imported whose record changed
 * (`updated`) or did not (`unchanged`), one that points at two different
 * accounts and is left for a person to sort out (`ambiguous`, never merged),
 * or a line that could not be read (`invalid`, with the field).
 */
export const GraduateLineStatusSchema = z.enum(['new', 'matched', 'updated', 'unchanged', 'ambiguous', 'invalid'])
export type GraduateLineStatus = z.infer<typeof GraduateLineStatusSchema>

/** What is wrong with a line, for the reader's language: a value missing or unreadable, a repeated student number, two accounts. */
export const GraduateLineProblemSchema = z.enum([
  'missing',
  'notADate',
  'checkDigits',
  'invalid',
  'duplicate',
  'twoAccounts',
])
export type GraduateLineProblem = z.infer<typeof GraduateLineProblemSchema>

export const GraduateImportReportSchema = z.object({
  dryRun: z.boolean(),
  /** The columns recognised, by what they were read as. */
  columns: z.array(z.string()),
  counts: z.record(GraduateLineStatusSchema, z.int32()),
  lines: z.array(
    z.object({
      line: z.int32(),
      status: GraduateLineStatusSchema,
      name: z.string().nullable(),
      /** For an invalid line: which value (a field of `GraduateLineSchema`); with `problem`, what is wrong. */
      field: z.string().nullable(),
      problem: GraduateLineProblemSchema.nullable(),
      /** For a repeated student number: the line that had it first. */
      otherLine: z.int32().nullable(),
      /** For a line without an account: the address an invitation could go to. */
      email: z.string().nullable(),
    }),
  ),
})
export type GraduateImportReport = z.infer<typeof GraduateImportReportSchema>
