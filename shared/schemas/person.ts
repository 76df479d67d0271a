import { z } from 'zod'
import { EmailSchema, IdSchema, InstantSchema, NameSchema, WebUrlSchema, lineSchema, textSchema } from './common.ts'
import { EducationSchema } from './education.ts'
import { LocaleSchema } from './common.ts'

export const MembershipStatusSchema = z.enum(['invited', 'requested', 'active', 'ended'])
export const NetworkRoleSchema = z.enum(['member', 'board', 'admin'])
export type NetworkRole = z.infer<typeof NetworkRoleSchema>

/** The fields a member chooses an audience for. The name is always shown to those who see the person at all. */
export const PRIVATE_FIELDS = [
  'email',
  'photo',
  'graduationYear',
  'programme',
  'employer',
  'title',
  'city',
  'linkedinUrl',
  'bio',
  'helpWith',
] as const
export type PrivateField = (typeof PRIVATE_FIELDS)[number]

/**
 * Who may see a field: nobody; the staff and board of the member's networks;
 * members of the same network (and its staff); everyone signed in. Each
 * audience includes the narrower ones after `nobody`.
 */
export const AudienceSchema = z.enum(['nobody', 'staff', 'network', 'signedIn'])
export type Audience = z.infer<typeof AudienceSchema>

/** The member's choices; a field left out is hidden (privacy by default). */
export const VisibilitySchema = z.partialRecord(z.enum(PRIVATE_FIELDS), AudienceSchema)
export type Visibility = z.infer<typeof VisibilitySchema>

export const HelpWithSchema = z.array(z.enum(['mentor', 'guestLecturer', 'internships', 'speaker'])).max(4)

/** A person's own profile, as they themselves see it, with their privacy choices. */
export const ProfileSchema = z.object({
  id: IdSchema,
  email: EmailSchema,
  name: NameSchema,
  graduationYear: z.int32().min(1900).max(2100).nullable(),
  programme: lineSchema(200).nullable(),
  employer: lineSchema(200).nullable(),
  title: lineSchema(200).nullable(),
  city: lineSchema(100).nullable(),
  linkedinUrl: WebUrlSchema.nullable(),
  bio: textSchema(2000).nullable(),
  helpWith: HelpWithSchema,
  /** The photo's version (null: no photo). The image is at /api/people/:id/photo?v=<version>, for those who may see it. */
  photo: z.int32().min(1).nullable().default(null),
  visibility: VisibilitySchema,
  updatedAt: InstantSchema,
})
export type Profile = z.infer<typeof ProfileSchema>

/** A profile photo as sent by a device: a JPEG (base64), at most ~64 KB (the app makes 256×256). */
export const PhotoSchema = z
  .string()
  .max(90_000)
  .regex(/^\/9j\//, 'must be a JPEG image')

/**
 * A person as another person sees them in a network's directory: the name,
 * and only the fields whose audience includes the viewer. Built on the
 * server; a hidden field is never in it.
 */
export const MemberEntrySchema = z
  .object({
    id: IdSchema,
    networkId: IdSchema,
    name: NameSchema,
    role: NetworkRoleSchema,
    memberSince: InstantSchema,
  })
  .extend(
    ProfileSchema.pick({
      email: true,
      photo: true,
      graduationYear: true,
      programme: true,
      employer: true,
      title: true,
      city: true,
      linkedinUrl: true,
      bio: true,
      helpWith: true,
    }).partial().shape,
  )
export type MemberEntry = z.infer<typeof MemberEntrySchema>

export const ProfilePatchSchema = ProfileSchema.pick({
  name: true,
  graduationYear: true,
  programme: true,
  employer: true,
  title: true,
  city: true,
  linkedinUrl: true,
  bio: true,
  helpWith: true,
})
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' })
export type ProfilePatch = z.infer<typeof ProfilePatchSchema>

/** A person's tie to a network: how it began (`source`) and where it stands. */
export const MembershipSchema = z.object({
  id: IdSchema,
  networkId: IdSchema,
  personId: IdSchema,
  status: MembershipStatusSchema,
  role: NetworkRoleSchema,
  since: InstantSchema,
  source: z.enum(['invite', 'request', 'auto', 'import', 'seed']),
  /** GDPR: consent, or legitimate interest that lapses at `basisExpiresAt` (BI: 5 years after graduation). */
  lawfulBasis: z.enum(['consent', 'legitimateInterest']).default('consent'),
  basisExpiresAt: InstantSchema.nullable().default(null),
})
export type Membership = z.infer<typeof MembershipSchema>

/** A request to join, as the network's staff see it: who asks and on what grounds. */
export const JoinRequestSchema = z.object({
  id: IdSchema,
  networkId: IdSchema,
  personId: IdSchema,
  name: NameSchema,
  /** Only when the applicant shows their address to staff. */
  email: EmailSchema.nullable(),
  /** What the applicant's education is and where each comes from: staff see a claim as a claim. */
  educations: z.array(
    EducationSchema.pick({
      id: true,
      institutionId: true,
      programme: true,
      degree: true,
      status: true,
      graduationYear: true,
      source: true,
    }),
  ),
  requestedAt: InstantSchema,
})
export type JoinRequest = z.infer<typeof JoinRequestSchema>

/** The person entities devices hold, by entity name, with the schema of a row as sent. */
export const PERSON_ENTITIES = {
  profile: ProfileSchema,
  membership: MembershipSchema,
  joinRequest: JoinRequestSchema,
  member: MemberEntrySchema,
} as const

/** The changes a device can queue about person rows, by name, with the schema of their arguments. */
export const PERSON_MUTATIONS = {
  'profile.update': z.object({ patch: ProfilePatchSchema }),
  'profile.setVisibility': z.object({ visibility: VisibilitySchema }),
  'profile.setPhoto': z.object({ jpegBase64: PhotoSchema.nullable() }),
  /** The language the person reads the app in: their mails and pushes follow it. */
  'profile.setLocale': z.object({ locale: LocaleSchema }),
  'membership.join': z.object({ networkId: IdSchema }),
  'membership.leave': z.object({ networkId: IdSchema }),
  'membership.decide': z.object({ membershipId: IdSchema, approve: z.boolean() }),
  'membership.setRole': z.object({
    networkId: IdSchema,
    personId: IdSchema,
    role: z.enum(['member', 'board', 'admin']),
  }),
  'membership.remove': z.object({ networkId: IdSchema, personId: IdSchema }),
  'membership.consent': z.object({ networkId: IdSchema }),
} as const
