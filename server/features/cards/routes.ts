import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe } from '../../lib/validate.ts'
import { MemberCardSchema, PublicKeysSchema } from '../../../shared/schemas/card.ts'
import { publicKeys } from '../../lib/signing.ts'
import { requirePerson } from '../session/session.ts'
import { issueMemberCards } from './issueCards.ts'

/** Digital member cards, and the public keys anyone verifies them with. */
export function cardRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get(
      '/me/cards',
      describe({
        summary: "Signed member cards for the signed-in person's networks",
        tags: ['cards'],
        response: z.object({ cards: z.array(MemberCardSchema) }),
      }),
      async (c) => {
        const personId = requirePerson(c)
        return c.json({ cards: await issueMemberCards(deps.db, personId) })
      },
    )
    .get(
      '/keys',
      describe({
        summary: 'The public keys that member cards are signed with (Ed25519, raw, base64url)',
        tags: ['cards'],
        response: PublicKeysSchema,
      }),
      async (c) => {
        c.header('cache-control', 'public, max-age=3600')
        return c.json(await publicKeys(deps.db))
      },
    )
}
