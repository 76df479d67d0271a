import type { Db } from '../../db/schema.ts'
import type { MemberCard, MemberCardPayload } from '../../../shared/schemas/card.ts'
import { signPayload } from '../../lib/signing.ts'

const CARD_DAYS = 365

/**
 * Signed member cards for every active membership of a person. A card lasts
 * a year, or until a membership held on legitimate interest lapses, and is
 * renewed whenever the app is online; staff verify it offline.
 */
export async function issueMemberCards(db: Db, personId: string, now = new Date()): Promise<MemberCard[]> {
  const rows = await db
    .selectFrom('membership')
    .innerJoin('person', 'person.id', 'membership.personId')
    .innerJoin('network', 'network.id', 'membership.networkId')
    .select([
      'membership.id',
      'membership.networkId',
      'membership.since',
      'membership.basisExpiresAt',
      'person.name',
      'network.shortName',
    ])
    .where('membership.personId', '=', personId)
    .where('membership.status', '=', 'active')
    .execute()
  const yearOn = new Date(now.getTime() + CARD_DAYS * 86_400_000).toISOString()
  return Promise.all(
    rows.map(async (m) => {
      const payload: Omit<MemberCardPayload, 'kid'> = {
        typ: 'card',
        mid: m.id,
        pid: personId,
        nid: m.networkId,
        name: m.name,
        net: m.shortName,
        since: m.since,
        iat: now.toISOString(),
        exp: m.basisExpiresAt && m.basisExpiresAt < yearOn ? m.basisExpiresAt : yearOn,
      }
      return { networkId: m.networkId, token: await signPayload(db, payload) }
    }),
  )
}
