import { z } from 'zod'
import { InstantSchema, NewIdSchema, lineSchema, textSchema } from './common.ts'

/** A barrier a person met in the app (universell utforming), as they report it: where, and what stopped them. */
export const BarrierReportSchema = z.object({
  id: NewIdSchema,
  /** The page it happened on, as the app's path (`/n/x-imk/members`). */
  page: lineSchema(500),
  description: textSchema(5000).min(1),
})

export const BarrierReportEntrySchema = BarrierReportSchema.extend({
  reporterName: z.string().nullable(),
  createdAt: InstantSchema,
})

/** The changes a device can queue about accessibility, by name, with the schema of their arguments. */
export const ACCESSIBILITY_MUTATIONS = {
  /** Works offline: the report waits in the outbox like any other change. */
  'barrier.report': z.object({ report: BarrierReportSchema }),
} as const
