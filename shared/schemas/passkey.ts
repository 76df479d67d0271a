import { z } from 'zod'

/**
 * A browser's WebAuthn answer as JSON (what @simplewebauthn/browser returns).
 * Checked for shape here; the signature is checked by the server's verifier.
 */
export const WebAuthnResponseSchema = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: z.string().min(1).max(20_000) }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
})

export const PasskeyOptionsSchema = z.object({
  challengeId: z.string(),
  /** PublicKeyCredentialCreationOptionsJSON or …RequestOptionsJSON, passed to the browser as is. */
  options: z.record(z.string(), z.unknown()),
})

export const PasskeyVerifySchema = z.object({
  challengeId: z.string().min(1).max(100),
  response: WebAuthnResponseSchema,
})
