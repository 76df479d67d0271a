import { randomBytes, randomUUID } from 'node:crypto'
import { inChangeTransaction } from '../../sync/changeLog.ts'
import { sha256 } from '../../lib/sha256.ts'
import type { Db } from '../../db/schema.ts'
import { MAIL_CONNECTIONS, type Mailer } from '../../lib/mail/mailer.ts'
import { newsletterMail } from '../../lib/mail/newsletterMail.ts'
import { drainQueue } from '../../lib/queue.ts'
import { activeMembersQuery } from '../networks/audience.ts'
import { queuePushes } from '../notifications/queuePushes.ts'
import { recordNewsletterChange, toNewsletter } from './changes.ts'
import { recordSettingsChange } from '../notifications/settings.ts'
import type { Newsletter } from '../../../shared/schemas/newsletter.ts'
import { localeOf } from '../../../shared/schemas/common.ts'

const BATCH = 50
const LEASE_MS = 5 * 60_000
const MAX_ATTEMPTS = 8
const UPCOMING_EVENTS = 8

/** The address in a newsletter mail that unsubscribes with one click (RFC 8058), no sign-in needed. */
export const unsubscribeUrl = (appUrl: string, token: string) => `${appUrl}/api/newsletters/unsubscribe/${token}`

/**
 * Sends the newsletters that are due: each is claimed by a conditional
 * update (so one process sends it), its upcoming events are taken, and one
 * delivery per recipient is queued for mail, with a push to those who chose
 * newsletters, all in one transaction. Recipients: the network's active
 * members (or the cohort) and the students who subscribed, less those who
 * unsubscribed. Answers how many
 * issues went out.
 */
export async function dispatchDueNewsletters(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .selectFrom('newsletter')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduledAt', '<=', now.toISOString())
    .execute()
  let sent = 0
  for (const { id } of due) {
    sent += await inChangeTransaction(db, async (tx) => {
      const { trx } = tx
      const at = now.toISOString()
      const claimed = await trx
        .updateTable('newsletter')
        .set({ status: 'sent', sentAt: at, updatedAt: at })
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) !== 1) return 0
      const issue = toNewsletter(
        await trx.selectFrom('newsletter').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
        null,
      )
      const events = issue.includeEvents
        ? await trx
            .selectFrom('event')
            .select(['id', 'title', 'startsAt', 'place', 'city'])
            .where('networkId', '=', issue.networkId)
            .where('status', '=', 'published')
            .where('startsAt', '>', at)
            .orderBy('startsAt')
            .limit(UPCOMING_EVENTS)
            .execute()
        : []
      const audience = issue.audience
      let membersQuery = activeMembersQuery(
        trx,
        issue.networkId,
        audience.kind === 'cohort' ? audience.graduationYear : null,
      )
      if (audience.kind === 'group')
        membersQuery = membersQuery.where((eb) =>
          eb.exists(
            eb
              .selectFrom('groupFollower')
              .select('groupFollower.personId')
              .whereRef('groupFollower.personId', '=', 'person.id')
              .where('groupFollower.groupId', '=', audience.groupId),
          ),
        )
      const members = await membersQuery.execute()
      // Students who subscribed before graduating get the network-wide issues too.
      const students =
        issue.audience.kind === 'network'
          ? await trx
              .selectFrom('newsletterSubscriber')
              .select('personId as id')
              .where('networkId', '=', issue.networkId)
              .execute()
          : []
      const optedOut = new Set(
        (
          await trx.selectFrom('newsletterOptout').select('personId').where('networkId', '=', issue.networkId).execute()
        ).map((o) => o.personId),
      )
      const recipients = [...new Set([...members, ...students].map((r) => r.id))]
        .filter((id) => !optedOut.has(id))
        .map((id) => ({ id }))
      for (let i = 0; i < recipients.length; i += 500) {
        await trx
          .insertInto('newsletterDelivery')
          .values(
            recipients.slice(i, i + 500).map((r) => ({
              id: randomUUID(),
              newsletterId: id,
              personId: r.id,
              unsubscribeHash: sha256(randomBytes(24).toString('base64url')),
              createdAt: at,
              sendAfter: at,
            })),
          )
          .execute()
      }
      await trx
        .updateTable('newsletter')
        .set({ events: JSON.stringify(events), recipients: recipients.length })
        .where('id', '=', id)
        .execute()
      const firstParagraph = issue.blocks.find((b) => b.type === 'paragraph')
      const body = firstParagraph && 'text' in firstParagraph ? firstParagraph.text.slice(0, 140) : ''
      const payload = { type: 'newsletter' as const, id, title: issue.title.slice(0, 120), body, url: `/nl/${id}` }
      await queuePushes(trx, {
        personIds: recipients.map((r) => r.id),
        networkId: issue.networkId,
        topics: ['newsletters'],
        payload: { nb: payload, nn: payload, en: payload },
        urgency: 'normal',
        expiresAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
        collapseKey: `newsletter:${id}`,
        now: at,
      })
      await recordNewsletterChange(tx, id)
      return 1
    })
  }
  return sent
}

/**
 * Mails queued newsletter deliveries: claimed in batches (leased; SKIP LOCKED
 * on PostgreSQL), each with a fresh one-click unsubscribe secret (only its
 * hash is kept), a plain-text and an HTML part, and the List-Unsubscribe and
 * List-Unsubscribe-Post headers. Failures are retried with backoff. The
 * issue's delivered count follows. Answers how many were mailed.
 */
export async function sendDueNewsletterMails(
  db: Db,
  mailer: Mailer,
  appUrl: string,
  now = new Date(),
): Promise<number> {
  const issues = new Map<string, { issue: Newsletter; networkName: string }>()
  const issueOf = async (id: string) => {
    let found = issues.get(id)
    if (!found) {
      const row = await db
        .selectFrom('newsletter')
        .innerJoin('network', 'network.id', 'newsletter.networkId')
        .selectAll('newsletter')
        .select('network.name as networkName')
        .where('newsletter.id', '=', id)
        .executeTakeFirstOrThrow()
      found = { issue: toNewsletter(row, null), networkName: row.networkName }
      issues.set(id, found)
    }
    return found
  }
  return drainQueue(db, 'newsletterDelivery', {
    now,
    concurrency: MAIL_CONNECTIONS,
    marks: 'each',
    batch: BATCH,
    leaseMs: LEASE_MS,
    maxAttempts: MAX_ATTEMPTS,
    load: (ids) =>
      db
        .selectFrom('newsletterDelivery')
        .innerJoin('person', 'person.id', 'newsletterDelivery.personId')
        .select(['newsletterDelivery.id', 'newsletterDelivery.newsletterId', 'person.email', 'person.locale'])
        .where('newsletterDelivery.id', 'in', ids)
        .execute(),
    send: async (delivery) => {
      const { issue, networkName } = await issueOf(delivery.newsletterId)
      const token = randomBytes(24).toString('base64url')
      await db
        .updateTable('newsletterDelivery')
        .set({ unsubscribeHash: sha256(token) })
        .where('id', '=', delivery.id)
        .execute()
      const locale = localeOf(delivery.locale)
      // The link in the text opens the app's page (a GET must not unsubscribe: mail scanners follow links); the header is the one-click POST.
      await mailer.send({
        to: delivery.email,
        language: locale,
        ...newsletterMail(locale, issue, networkName, { app: appUrl, unsubscribe: `${appUrl}/unsubscribe#${token}` }),
        headers: {
          'List-Unsubscribe': `<${unsubscribeUrl(appUrl, token)}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'List-Id': `<${issue.networkId}.newsletters.alumni>`,
        },
      })
      return 'sent'
    },
    // Staff's figures follow: one change per issue per batch.
    afterBatch: async (results) => {
      const sentIssues = new Set(results.map((r) => r.row.newsletterId))
      for (const id of sentIssues) await inChangeTransaction(db, (tx) => recordNewsletterChange(tx, id))
    },
  })
}

/** One-click unsubscribe: the person stops getting this network's newsletters. Answers the network's name, or null for an unknown link. */
export async function unsubscribeByToken(db: Db, token: string): Promise<string | null> {
  const found = await db
    .selectFrom('newsletterDelivery')
    .innerJoin('newsletter', 'newsletter.id', 'newsletterDelivery.newsletterId')
    .innerJoin('network', 'network.id', 'newsletter.networkId')
    .select(['newsletterDelivery.personId', 'newsletter.networkId', 'network.name'])
    .where('newsletterDelivery.unsubscribeHash', '=', sha256(token))
    .executeTakeFirst()
  if (!found) return null
  await inChangeTransaction(db, async (tx) => {
    const { trx } = tx
    await trx
      .insertInto('newsletterOptout')
      .values({ personId: found.personId, networkId: found.networkId, createdAt: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['personId', 'networkId']).doNothing())
      .execute()
    // The person's settings page shows it at their next sync.
    await recordSettingsChange(tx, found.personId)
  })
  return found.name
}
