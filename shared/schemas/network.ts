import { z } from 'zod'
import { EmailSchema, IdSchema, InstantSchema, NameSchema, TextSchema, WebUrlSchema } from './common.ts'

export const ChannelKindSchema = z.enum(['facebook', 'linkedin', 'instagram', 'web', 'email', 'other'])

/** An external channel a network runs, with its follower count as last reported by staff. */
export const ChannelSchema = z.object({
  kind: ChannelKindSchema,
  label: z.string().trim().max(120).optional(),
  url: WebUrlSchema,
  followers: z.int().min(0).nullable(),
})
export type Channel = z.infer<typeof ChannelSchema>

/**
 * Who may join, as data (never code), so every network's own rule fits:
 * X-IMK (graduates, students, media graduates living in Oslo), IAKH (invited
 * master candidates), NHH (one credit). Any matching clause admits.
 */
export const AdmissionClauseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('graduates'), programmes: z.array(z.string().trim().min(1)).max(100), degree: z.enum(['any', 'bachelor', 'master', 'phd']).default('any') }),
  z.object({ kind: z.literal('students'), programmes: z.array(z.string().trim().min(1)).max(100) }),
  z.object({ kind: z.literal('credits'), minimum: z.number().min(0).max(1000) }),
  z.object({ kind: z.literal('otherInstitutionInCity'), field: z.string().trim().min(1), city: z.string().trim().min(1) }),
])
export type AdmissionClause = z.infer<typeof AdmissionClauseSchema>

export const AdmissionRuleSchema = z.object({
  /** `open`: join at once when a clause matches; `approval`: staff decide; `invite`: only invited people. */
  mode: z.enum(['open', 'approval', 'invite']),
  clauses: z.array(AdmissionClauseSchema).max(20),
  /** NTNU: registering a matching education adds the person at once, without asking. */
  autoJoin: z.boolean().optional(),
})
export type AdmissionRule = z.infer<typeof AdmissionRuleSchema>

/** A network's public page. Everything here is readable by anyone, signed in or not. */
export const NetworkSchema = z.object({
  id: IdSchema,
  facultyId: IdSchema,
  slug: z.string().regex(/^[a-z0-9-]{2,60}$/),
  name: NameSchema,
  shortName: z.string().trim().min(1).max(30),
  purpose: TextSchema,
  activities: z.array(z.string().trim().min(1).max(300)).max(30),
  admission: AdmissionRuleSchema,
  channels: z.array(ChannelSchema).max(20),
  contactEmail: EmailSchema.nullable(),
  statutes: TextSchema,
  anchoring: TextSchema,
  foundedYear: z.int().min(1800).max(2100).nullable(),
  updatedAt: InstantSchema,
})
export type Network = z.infer<typeof NetworkSchema>

/** The fields staff may change on a network's page; each is optional, so an edit carries only what changed. */
export const NetworkPatchSchema = NetworkSchema.pick({
  name: true, shortName: true, purpose: true, activities: true, admission: true,
  channels: true, contactEmail: true, statutes: true, anchoring: true, foundedYear: true,
}).partial().refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' })
export type NetworkPatch = z.infer<typeof NetworkPatchSchema>

/** A seat on a network's board (styre, alumniråd), with how it was filled and for how long. */
export const BoardSeatSchema = z.object({
  id: IdSchema,
  networkId: IdSchema,
  personName: NameSchema,
  role: z.enum(['chair', 'deputy', 'member', 'student', 'staff', 'secretary', 'treasurer']),
  selection: z.enum(['elected', 'appointed']),
  termStart: z.iso.date(),
  termEnd: z.iso.date().nullable(),
})
export type BoardSeat = z.infer<typeof BoardSeatSchema>
