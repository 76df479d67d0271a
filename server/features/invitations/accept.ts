import type { Db } from '../../db/schema.ts'
import { changeTx, pendingChanges } from '../../sync/changeLog.ts'
import { databaseKindOf } from '../../db/index.ts'
import { AppError } from '../../lib/problem.ts'
import { joinNetwork } from '../membership/mutations.ts'

/**
 * Makes the person who followed an invitation link a member, through the same
 * join path as everyone else (the invitation is what admits them). Answers the
 * network's slug, or null if the invitation no longer admits (withdrawn,
 * expired): the person is still signed in, just not joined.
 */
export async function acceptInvitation(db: Db, personId: string, invitationId: string): Promise<string | null> {
  const invitation = await db
    .selectFrom('invitation')
    .innerJoin('network', 'network.id', 'invitation.networkId')
    .select(['invitation.networkId', 'network.slug'])
    .where('invitation.id', '=', invitationId)
    .executeTakeFirst()
  if (!invitation) return null
  const kind = databaseKindOf(db)
  const pending = pendingChanges(kind)
  const trx = await db.startTransaction().execute()
  try {
    await joinNetwork(
      { ...changeTx(trx, kind, pending), personId, now: new Date().toISOString() },
      { networkId: invitation.networkId },
    )
    await pending.write(trx)
    await trx.commit().execute()
    return invitation.slug
  } catch (error) {
    await trx.rollback().execute()
    if (error instanceof AppError) return null
    throw error
  }
}
