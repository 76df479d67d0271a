import type { Db } from '../db/schema.ts'
import { PUBLIC_SCOPE, networkMembersScope, userScope, type Scope } from '../../shared/sync/scopes.ts'

/**
 * The scopes a person may read now: computed from current memberships on every
 * pull, so a membership that ends drops its scope at the next sync.
 */
export async function readableScopes(db: Db, personId: string | null): Promise<Scope[]> {
  if (!personId) return [PUBLIC_SCOPE]
  const memberships = await db.selectFrom('membership').select('networkId')
    .where('personId', '=', personId).where('status', '=', 'active').execute()
  return [PUBLIC_SCOPE, userScope(personId), ...memberships.map((m) => networkMembersScope(m.networkId))]
}
