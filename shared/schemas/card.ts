import { z } from 'zod'
import { IdSchema, InstantSchema, NameSchema } from './common.ts'

/**
 * What a digital member card (UiA) says, signed by the server with Ed25519:
 * who, which network, since when, until when. Short keys keep the QR code
 * small enough to scan from a phone screen.
 */
export const MemberCardPayloadSchema = z.object({
  typ: z.literal('card'),
  /** The signing key's id. */
  kid: z.string().min(1).max(64),
  /** Membership, person and network ids. */
  mid: IdSchema,
  pid: IdSchema,
  nid: IdSchema,
  name: NameSchema,
  /** The network's short name, so a verifier without the network on the device can still say which. */
  net: z.string().min(1).max(30),
  since: InstantSchema,
  iat: InstantSchema,
  exp: InstantSchema,
})
export type MemberCardPayload = z.infer<typeof MemberCardPayloadSchema>

/** A member card as the app keeps it: the network and the signed token the QR code carries. */
export const MemberCardSchema = z.object({ networkId: IdSchema, token: z.string().max(2000) })
export type MemberCard = z.infer<typeof MemberCardSchema>

/** The server's public signing keys (raw Ed25519, base64url), for verifying offline. */
export const PublicKeysSchema = z.object({
  keys: z.array(z.object({ kid: z.string(), publicKey: z.string(), createdAt: InstantSchema })),
})
export type PublicKeys = z.infer<typeof PublicKeysSchema>
