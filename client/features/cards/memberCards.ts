import { db } from '../../db/database.ts'
import { readMeta, writeMeta } from '../../db/meta.ts'
import { api } from '../../api/client.ts'
import type { MemberCard, PublicKeys } from '../../../shared/schemas/card.ts'
import { fromBase64Url } from '../../../shared/signedToken.ts'

export const CARDS_KEY = 'memberCards'
const KEYS_KEY = 'publicKeys'

/** Fetches fresh signed cards (and the keys) when online and keeps them for offline use; keeps the old ones otherwise. */
export async function refreshMemberCards(): Promise<void> {
  try {
    const [cards, keys] = await Promise.all([api.me.cards.$get(), api.keys.$get()])
    if (cards.ok) await writeMeta(db, CARDS_KEY, (await cards.json()).cards)
    if (keys.ok) await writeMeta(db, KEYS_KEY, await keys.json())
  } catch {
    /* offline: the cards kept on the device still show */
  }
}

export function storedMemberCards(): Promise<MemberCard[]> {
  return readMeta<MemberCard[]>(db, CARDS_KEY, [])
}

/** The public keys a card is checked against, from the device (fetched once when none are kept). */
export async function verifyingKeys(): Promise<Record<string, Uint8Array<ArrayBuffer>>> {
  let stored = await readMeta<PublicKeys | null>(db, KEYS_KEY, null)
  if (!stored) {
    try {
      const res = await api.keys.$get()
      if (res.ok) {
        stored = await res.json()
        await writeMeta(db, KEYS_KEY, stored)
      }
    } catch {
      /* offline and never fetched: nothing can be verified */
    }
  }
  return Object.fromEntries((stored?.keys ?? []).map((k) => [k.kid, fromBase64Url(k.publicKey)]))
}
