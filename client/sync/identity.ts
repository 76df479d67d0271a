import type { AlumniDb } from '../db/database.ts'
import { readMeta, writeMeta } from '../db/meta.ts'

interface ClientIdentity {
  clientId: string
  nextMutationId: number
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * This device's client id for a person (or for the signed-out visitor), made
 * once. Each person on a shared device has their own id and mutation numbers,
 * so one person's queued changes are never sent under another's session.
 */
export async function identityFor(db: AlumniDb, personId: string | null): Promise<ClientIdentity> {
  const key = `identity:${personId ?? 'anonymous'}`
  const existing = await readMeta<ClientIdentity | null>(db, key, null)
  if (existing) return existing
  const created = { clientId: randomId(), nextMutationId: 1 }
  await writeMeta(db, key, created)
  return created
}

/** Takes the next mutation id; call inside the transaction that writes the outbox entry. */
export async function takeMutationId(db: AlumniDb, personId: string | null): Promise<{ clientId: string; id: number }> {
  const identity = await identityFor(db, personId)
  await writeMeta(db, `identity:${personId ?? 'anonymous'}`, {
    ...identity,
    nextMutationId: identity.nextMutationId + 1,
  })
  return { clientId: identity.clientId, id: identity.nextMutationId }
}

/** Sets the next id after the server reported it stands elsewhere (its data was restored from a backup). */
export async function setNextMutationId(db: AlumniDb, personId: string | null, next: number): Promise<void> {
  const identity = await identityFor(db, personId)
  await writeMeta(db, `identity:${personId ?? 'anonymous'}`, { ...identity, nextMutationId: next })
}
