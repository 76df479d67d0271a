import { z } from 'zod'
import { EmailSchema, IdSchema } from './common.ts'
import { ProfileSchema, MembershipSchema } from './person.ts'

export const DevSignInSchema = z.object({ email: EmailSchema })
export type DevSignIn = z.infer<typeof DevSignInSchema>

/** Who is signed in, and the roles they hold: what the client needs to decide which screens to offer. */
export const MeSchema = z.object({
  profile: ProfileSchema.nullable(),
  memberships: z.array(MembershipSchema),
  isDemo: z.boolean(),
  /** Faculties the person coordinates: they run every network of these. */
  coordinates: z.array(IdSchema).default([]),
  /** Institutions whose graduate lists the person imports (their alumni office or registry). */
  registers: z.array(IdSchema).default([]),
  /** Runs every network of the site. */
  isSiteAdmin: z.boolean().default(false),
})
export type Me = z.infer<typeof MeSchema>
