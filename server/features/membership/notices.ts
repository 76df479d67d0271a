import { localeOf } from '../../../shared/schemas/common.ts'
import { randomUUID } from 'node:crypto'
import type { Db } from '../../db/schema.ts'
import type { Trx } from '../../sync/changeLog.ts'
import { MAIL_CONNECTIONS, type Mailer } from '../../lib/mail/mailer.ts'
import { membershipDecisionMail, type MembershipNoticeKind } from '../../lib/mail/templates.ts'
import { drainQueue } from '../../lib/queue.ts'

/** Queues a mail about a person's membership in the transaction that decided it: rolled back, nothing goes. */
export async function queueMembershipNotice(
  trx: Trx,
  kind: MembershipNoticeKind,
  networkId: string,
  personId: string,
  now: string,
): Promise<void> {
  await trx
    .insertInto('membershipNotice')
    .values({ id: randomUUID(), personId, networkId, kind, createdAt: now, sendAfter: now })
    .execute()
}

/** Sends the due membership mails (`drainQueue`), in each reader's language at sending. Answers how many went. */
export async function sendDueMembershipNotices(
  db: Db,
  mailer: Mailer,
  appUrl: string,
  now = new Date(),
): Promise<number> {
  return drainQueue(db, 'membershipNotice', {
    now,
    concurrency: MAIL_CONNECTIONS,
    marks: 'each',
    batch: 20,
    leaseMs: 5 * 60_000,
    maxAttempts: 8,
    load: (ids) =>
      db
        .selectFrom('membershipNotice')
        .select(['id', 'personId', 'networkId', 'kind'])
        .where('id', 'in', ids)
        .execute(),
    send: async (notice) => {
      const person = await db
        .selectFrom('person')
        .select(['email', 'locale'])
        .where('id', '=', notice.personId)
        .executeTakeFirst()
      const network = await db
        .selectFrom('network')
        .select(['name', 'slug'])
        .where('id', '=', notice.networkId)
        .executeTakeFirst()
      if (!person || !network) return 'nothing'
      const locale = localeOf(person.locale)
      const mail = membershipDecisionMail(
        locale,
        notice.kind as MembershipNoticeKind,
        network.name,
        `${appUrl}/n/${network.slug}`,
      )
      await mailer.send({ to: person.email, ...mail, language: locale })
      return 'sent'
    },
  })
}
