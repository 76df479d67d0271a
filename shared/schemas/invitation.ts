import { z } from 'zod'
import { IdSchema, InstantSchema, lineSchema, textSchema } from './common.ts'

/** Staff invite by a list of addresses or a CSV file's text (e-mail first, name optional second). */
export const InviteRequestSchema = z
  .object({
    csv: textSchema(2_000_000).optional(),
    invitees: z
      .array(z.object({ email: lineSchema(320), name: lineSchema(200).optional() }))
      .max(5000)
      .optional(),
  })
  .refine((r) => (r.csv === undefined) !== (r.invitees === undefined), {
    message: 'send either csv or invitees',
    path: ['csv'],
  })

export const InviteLineErrorSchema = z.object({ line: z.int32(), value: z.string(), message: z.string() })

export const InviteResultSchema = z.object({
  sent: z.int32(),
  alreadyInvited: z.int32(),
  alreadyMembers: z.int32(),
  errors: z.array(InviteLineErrorSchema),
})
export type InviteResult = z.infer<typeof InviteResultSchema>

export const InvitationSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'expired']),
  createdAt: InstantSchema,
  expiresAt: InstantSchema,
  sendCount: z.int32(),
  lastSentAt: InstantSchema.nullable(),
})
