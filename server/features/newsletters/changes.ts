import type { Selectable } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { ChangeTx } from '../../sync/changeLog.ts'
import { networkMembersScope, networkStaffScope } from '../../../shared/sync/scopes.ts'
import { localeOf } from '../../../shared/schemas/common.ts'
import type { Newsletter } from '../../../shared/schemas/newsletter.ts'

/** A newsletter row as devices see it, with the figures for staff (null for members). */
export function toNewsletter(row: Selectable<Database['newsletter']>, stats: Newsletter['stats']): Newsletter {
  return {
    id: row.id,
    networkId: row.networkId,
    title: row.title,
    blocks: JSON.parse(row.blocks) as Newsletter['blocks'],
    includeEvents: row.includeEvents === 1,
    audience: JSON.parse(row.audience) as Newsletter['audience'],
    status: row.status as Newsletter['status'],
    scheduledAt: row.scheduledAt,
    sentAt: row.sentAt,
    events: JSON.parse(row.events) as Newsletter['events'],
    updatedAt: row.updatedAt,
    language: localeOf(row.language),
    stats,
  }
}

/**
 * Sends a newsletter where it may be read: drafts and scheduled issues to the
 * network's staff; a sent one also to every member's archive (without the
 * figures). Staff's copy carries sent, delivered and opened counts.
 */
export async function recordNewsletterChange(tx: ChangeTx, id: string): Promise<void> {
  const { trx } = tx
  const row = await trx.selectFrom('newsletter').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const [delivered, opened] = await Promise.all([
    trx
      .selectFrom('newsletterDelivery')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('newsletterId', '=', id)
      .where('sentAt', 'is not', null)
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom('newsletterOpen')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('newsletterId', '=', id)
      .executeTakeFirstOrThrow(),
  ])
  const stats = { recipients: row.recipients, delivered: Number(delivered.n), opened: Number(opened.n) }
  await tx.changes.put('newsletter', id, {
    [networkStaffScope(row.networkId)]: toNewsletter(row, stats),
    ...(row.status === 'sent' ? { [networkMembersScope(row.networkId)]: toNewsletter(row, null) } : {}),
  })
}
