// Bulk rows for the benches: people, their memberships and push
// subscriptions, written 500 to a statement as an import would.
import { createECDH, randomBytes, randomUUID } from 'node:crypto'
import type { Db } from '../server/db/schema.ts'
import type { PushTopic } from '../shared/schemas/push.ts'

const CHUNK = 500

/** A person row with only what the bench needs; the rest empty, as after a graduate import. */
export function personRow(id: string, name: string, at: string) {
  return {
    id,
    email: `${id}@bench.example`,
    name,
    graduationYear: null,
    programme: null,
    employer: null,
    title: null,
    city: null,
    linkedinUrl: null,
    bio: null,
    createdAt: at,
    updatedAt: at,
  }
}

export interface SubscribedMember {
  personId: string
  endpoint: string
  keys: { p256dh: string; auth: string }
}

/**
 * `count` active members of a network, each with one push subscription to
 * `endpointOf(i)` under keys made here (as a browser's PushManager would make
 * them) and, when `topics` is given, push notices chosen for those topics.
 */
export async function seedSubscribedMembers(
  db: Db,
  options: {
    networkId: string
    count: number
    prefix: string
    endpointOf: (i: number) => string
    topics?: PushTopic[]
  },
): Promise<SubscribedMember[]> {
  const at = new Date().toISOString()
  const members = Array.from({ length: options.count }, (_, i) => {
    const ecdh = createECDH('prime256v1')
    ecdh.generateKeys()
    return {
      personId: `${options.prefix}-${i}`,
      endpoint: options.endpointOf(i),
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
    }
  })
  for (let i = 0; i < members.length; i += CHUNK) {
    const chunk = members.slice(i, i + CHUNK)
    await db
      .insertInto('person')
      .values(chunk.map((m) => personRow(m.personId, m.personId, at)))
      .execute()
    await db
      .insertInto('membership')
      .values(
        chunk.map((m) => ({
          id: `m-${m.personId}`,
          networkId: options.networkId,
          personId: m.personId,
          status: 'active',
          role: 'member',
          since: at,
          source: 'seed',
        })),
      )
      .execute()
    await db
      .insertInto('pushSubscription')
      .values(
        chunk.map((m) => ({
          id: randomUUID(),
          personId: m.personId,
          endpoint: m.endpoint,
          p256dh: m.keys.p256dh,
          auth: m.keys.auth,
          label: 'bench',
          createdAt: at,
          lastSuccessAt: null,
        })),
      )
      .execute()
    if (options.topics)
      await db
        .insertInto('notificationSettings')
        .values(
          chunk.map((m) => ({
            personId: m.personId,
            networks: JSON.stringify({ [options.networkId]: options.topics }),
            quietHours: null,
            updatedAt: at,
          })),
        )
        .execute()
  }
  return members
}
