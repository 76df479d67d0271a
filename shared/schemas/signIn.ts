import { z } from 'zod'
import { EmailSchema, LocaleSchema } from './common.ts'

export const StartEmailSignInSchema = z.object({
  email: EmailSchema,
  /** The language of the mail. */
  locale: LocaleSchema.default('nb'),
})

export const StartedSignInSchema = z.object({
  /** Identifies the mail just sent, for typing its code instead of opening its link. */
  challengeId: z.string(),
})

/** Finish with the link's token, or with the challenge id and the code from the mail. */
export const VerifyEmailSignInSchema = z.union([
  z.object({ token: z.string().min(20).max(200) }),
  z.object({ challengeId: z.string().min(1).max(100), code: z.string().regex(/^\d{6}$/, 'six digits') }),
])
export type VerifyEmailSignIn = z.infer<typeof VerifyEmailSignInSchema>
