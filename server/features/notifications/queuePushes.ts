import { randomUUID } from 'node:crypto'
import { sha256 } from '../../lib/sha256.ts'
import type { Trx } from '../../sync/changeLog.ts'
import {
  DEFAULT_PUSH_TOPICS,
  type NotificationSettings,
  type PushPayload,
  type PushTopic,
} from '../../../shared/schemas/push.ts'
import { osloMinutes } from '../../../shared/osloTime.ts'
import { localeOf, type Locale } from '../../../shared/schemas/common.ts'

export interface PushRequest {
  /** Who: these people, or (when absent) every active member of the network. */
  personIds?: string[]
  networkId: string
  /** Sent to those who chose any of these topics for the network. */
  topics: PushTopic[]
  /** What the notice says, in each reader's language. */
  payload: Record<Locale, PushPayload>
  /** High: a change to an event they registered for (passes quiet hours). */
  urgency: 'normal' | 'high'
  /** After this the notice is pointless (the event has started): the push service drops it, and so do we. */
  expiresAt: string
  /** Notices with the same key replace each other on the device and at the push service (an update of one meetup). */
  collapseKey: string
  now: string
}

/** A push Topic header: at most 32 characters of the URL-safe base64 alphabet. */
export function pushTopic(key: string): string {
  return sha256(key, 'base64url').slice(0, 32)
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3))

/** When a notice may be sent: now, or at the end of the person's quiet hours (which may span midnight). */
export function afterQuietHours(quiet: NotificationSettings['quietHours'], now: Date): Date {
  if (!quiet) return now
  const at = osloMinutes(now)
  const from = minutesOf(quiet.from)
  const to = minutesOf(quiet.to)
  const isQuiet = from <= to ? at >= from && at < to : at >= from || at < to
  if (!isQuiet) return now
  const wait = (to - at + 24 * 60) % (24 * 60)
  return new Date(now.getTime() + wait * 60_000)
}

/**
 * Queues a push to every device of the people it is for who chose one of
 * its topics for the network, in the transaction of the change that causes
 * it (a rolled-back change pushes nothing). Quiet hours hold a normal notice
 * until they end; an urgent one goes at once. Answers how many were queued.
 */
export async function queuePushes(trx: Trx, request: PushRequest): Promise<number> {
  if (request.expiresAt <= request.now || (request.personIds && request.personIds.length === 0)) return 0
  let query = trx
    .selectFrom('pushSubscription')
    .leftJoin('notificationSettings', 'notificationSettings.personId', 'pushSubscription.personId')
    .innerJoin('person', 'person.id', 'pushSubscription.personId')
    .select([
      'pushSubscription.id',
      'person.locale',
      'notificationSettings.networks',
      'notificationSettings.quietHours',
    ])
  query = request.personIds
    ? query.where('pushSubscription.personId', 'in', request.personIds)
    : query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('membership')
            .select('membership.id')
            .whereRef('membership.personId', '=', 'pushSubscription.personId')
            .where('membership.networkId', '=', request.networkId)
            .where('membership.status', '=', 'active'),
        ),
      )
  const subscriptions = await query.execute()
  const now = new Date(request.now)
  const payloads = Object.fromEntries(
    Object.entries(request.payload).map(([locale, payload]) => [locale, JSON.stringify(payload)]),
  ) as Record<Locale, string>
  const topic = pushTopic(request.collapseKey)
  const rows = subscriptions.flatMap((s) => {
    const chosen =
      (s.networks ? (JSON.parse(s.networks) as NotificationSettings['networks'])[request.networkId] : undefined) ??
      DEFAULT_PUSH_TOPICS
    if (!request.topics.some((t) => chosen.includes(t))) return []
    const quiet = s.quietHours ? (JSON.parse(s.quietHours) as NotificationSettings['quietHours']) : null
    const sendAfter = request.urgency === 'high' ? now : afterQuietHours(quiet, now)
    if (sendAfter.toISOString() >= request.expiresAt) return []
    return [
      {
        id: randomUUID(),
        subscriptionId: s.id,
        payload: payloads[localeOf(s.locale)],
        topic,
        urgency: request.urgency,
        expiresAt: request.expiresAt,
        createdAt: request.now,
        sendAfter: sendAfter.toISOString(),
      },
    ]
  })
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('pushMessage')
      .values(rows.slice(i, i + 500))
      .execute()
  return rows.length
}
