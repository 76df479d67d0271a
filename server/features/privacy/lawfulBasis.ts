import { localeOf } from '../../../shared/schemas/common.ts'
import type { Db } from '../../db/schema.ts'
import { inChangeTransaction } from '../../sync/changeLog.ts'
import type { Mailer } from '../../lib/mail/mailer.ts'
import { consentRequestMail } from '../../lib/mail/templates.ts'
import { recordMembershipChange } from '../membership/changes.ts'
import { formatInOslo } from '../../../shared/osloTime.ts'

const ASK_DAYS_BEFORE = 30

/**
 * The daily GDPR job for memberships held on legitimate interest (BI: up to
 * five years after graduation). Thirty days before the basis lapses the
 * member is asked, once, to consent; when it lapses without consent the
 * membership ends and its member-only rows leave the person's devices.
 */
export async function runLawfulBasisJob(
  db: Db,
  mailer: Mailer,
  baseUrl: string,
  now = new Date(),
): Promise<{ asked: number; ended: number }> {
  const nowIso = now.toISOString()
  const askBefore = new Date(now.getTime() + ASK_DAYS_BEFORE * 86_400_000).toISOString()
  const held = db
    .selectFrom('membership')
    .innerJoin('person', 'person.id', 'membership.personId')
    .innerJoin('network', 'network.id', 'membership.networkId')
    .select([
      'membership.id',
      'membership.basisExpiresAt',
      'person.email',
      'person.locale',
      'network.name',
      'network.slug',
    ])
    .where('membership.status', '=', 'active')
    .where('membership.lawfulBasis', '=', 'legitimateInterest')

  let ended = 0
  for (const m of await held.where('membership.basisExpiresAt', '<=', nowIso).execute()) {
    await inChangeTransaction(db, async (tx) => {
      const { trx } = tx
      await trx.updateTable('membership').set({ status: 'ended' }).where('id', '=', m.id).execute()
      await trx
        .insertInto('auditLog')
        .values({ at: nowIso, actorId: null, action: 'membership.lapsed', subjectId: m.id, networkId: null })
        .execute()
      await recordMembershipChange(tx, m.id)
    })
    ended++
  }

  let asked = 0
  const dueSoon = await held
    .where('membership.basisExpiresAt', '>', nowIso)
    .where('membership.basisExpiresAt', '<=', askBefore)
    .execute()
  for (const m of dueSoon) {
    const alreadyAsked = await db
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'consent.requested')
      .where('subjectId', '=', m.id)
      .executeTakeFirst()
    if (alreadyAsked) continue
    const locale = localeOf(m.locale)
    const date = formatInOslo(m.basisExpiresAt!, locale, { dateStyle: 'long' })
    await mailer.send({
      to: m.email,
      ...consentRequestMail(locale, m.name, date, `${baseUrl}/n/${m.slug}`),
      language: locale,
    })
    await db
      .insertInto('auditLog')
      .values({ at: nowIso, actorId: null, action: 'consent.requested', subjectId: m.id, networkId: null })
      .execute()
    asked++
  }
  return { asked, ended }
}
