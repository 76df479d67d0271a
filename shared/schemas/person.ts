import { z } from 'zod'
import { EmailSchema, IdSchema, InstantSchema, NameSchema, WebUrlSchema } from './common.ts'

/** A person's own profile, as they themselves see it. Who else sees which field comes with accounts. */
export const ProfileSchema = z.object({
  id: IdSchema,
  email: EmailSchema,
  name: NameSchema,
  graduationYear: z.int().min(1900).max(2100).nullable(),
  programme: z.string().trim().max(200).nullable(),
  employer: z.string().trim().max(200).nullable(),
  title: z.string().trim().max(200).nullable(),
  city: z.string().trim().max(100).nullable(),
  linkedinUrl: WebUrlSchema.nullable(),
  bio: z.string().max(2000).nullable(),
  updatedAt: InstantSchema,
})
export type Profile = z.infer<typeof ProfileSchema>

export const ProfilePatchSchema = ProfileSchema.pick({
  name: true, graduationYear: true, programme: true, employer: true, title: true, city: true, linkedinUrl: true, bio: true,
}).partial().refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' })
export type ProfilePatch = z.infer<typeof ProfilePatchSchema>

export const MembershipStatusSchema = z.enum(['invited', 'requested', 'active', 'ended'])
export const NetworkRoleSchema = z.enum(['member', 'board', 'admin'])
export type NetworkRole = z.infer<typeof NetworkRoleSchema>

/** A person's tie to a network: how it began (`source`) and where it stands. */
export const MembershipSchema = z.object({
  id: IdSchema,
  networkId: IdSchema,
  personId: IdSchema,
  status: MembershipStatusSchema,
  role: NetworkRoleSchema,
  since: InstantSchema,
  source: z.enum(['invite', 'request', 'auto', 'import', 'seed']),
})
export type Membership = z.infer<typeof MembershipSchema>

/** A request to join, as the network's staff see it: who asks and on what grounds. */
export const JoinRequestSchema = z.object({
  id: IdSchema,
  networkId: IdSchema,
  personId: IdSchema,
  name: NameSchema,
  email: EmailSchema,
  educations: z.array(z.string()),
  requestedAt: InstantSchema,
})
export type JoinRequest = z.infer<typeof JoinRequestSchema>
