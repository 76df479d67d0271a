import { z } from 'zod'

/** One entry of a network's access log as its staff read it: who did what, when. */
export const AuditEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>
