import webpush from 'web-push'
import type { Db } from '../../db/schema.ts'
import { claimDue } from '../../lib/queue.ts'
import type { VapidKeys } from './vapid.ts'
import { KNOWN_PUSH_HOSTS, endpointRefusalAtSend } from './endpointPolicy.ts'

const CONCURRENCY = 50
/** One batch is as many as go out at once, so a batch takes at most about one request's timeout. */
const BATCH = CONCURRENCY
const REQUEST_TIMEOUT_MS = 10_000
/** How long a claimed batch is this worker's: well past a batch's longest time, short enough that a crash delays little. */
export const PUSH_LEASE_MS = 30_000
const MAX_ATTEMPTS = 6
/** Push services keep a message at most four weeks. */
const MAX_TTL_S = 28 * 86_400

/** The pause before retrying a push the service could not take now (429, 5xx, no answer): 30 s, doubling. */
const retryPauseMs = (attempts: number) => 30_000 * 2 ** attempts

type Outcome = 'sent' | 'gone' | 'retry' | 'failed'

/**
 * Sends the pushes that are due: claimed in batches (leased, so several
 * server processes share the queue on PostgreSQL without sending one twice),
 * encrypted and signed with `web-push` (RFC 8291 aes128gcm, VAPID) and sent
 * with fetch, many at a time. A subscription the push service answers 404 or 410 for is deleted
 * with its queued messages; 429, 5xx and no answer are retried with backoff;
 * any other refusal is given up (the error kept). An endpoint outside `pushHosts`, or one whose
 * host resolves to a private address, is never called: its subscription goes as if gone.
 * Answers how many were sent.
 */
export async function sendDuePushes(
  db: Db,
  vapid: VapidKeys,
  now = new Date(),
  leaseMs = PUSH_LEASE_MS,
  pushHosts: readonly string[] = KNOWN_PUSH_HOSTS,
): Promise<number> {
  let sent = 0
  for (;;) {
    const claimed = await claimDue(db, 'pushMessage', { now, batch: BATCH, leaseMs, maxAttempts: MAX_ATTEMPTS })
    if (claimed.length === 0) return sent
    const attemptsOf = new Map(claimed.map((c) => [c.id, c.attempts]))
    const messages = await db
      .selectFrom('pushMessage')
      .innerJoin('pushSubscription', 'pushSubscription.id', 'pushMessage.subscriptionId')
      .select([
        'pushMessage.id',
        'pushMessage.subscriptionId',
        'pushMessage.payload',
        'pushMessage.topic',
        'pushMessage.urgency',
        'pushMessage.expiresAt',
        'pushSubscription.endpoint',
        'pushSubscription.p256dh',
        'pushSubscription.auth',
      ])
      .where(
        'pushMessage.id',
        'in',
        claimed.map((c) => c.id),
      )
      .execute()
    const outcomes = new Map<string, { outcome: Outcome; error?: string }>()
    let next = 0
    const sendOne = async (message: (typeof messages)[number]) => {
      const ttl = Math.min(MAX_TTL_S, Math.floor((Date.parse(message.expiresAt) - Date.now()) / 1000))
      if (ttl <= 0) {
        outcomes.set(message.id, { outcome: 'failed', error: 'expired before it could be sent' })
        return
      }
      // Checked again at send time: the list may have changed, and a name may now resolve into a private network.
      const refusal = await endpointRefusalAtSend(message.endpoint, pushHosts)
      if (refusal) {
        outcomes.set(message.id, { outcome: 'gone', error: `refused endpoint: ${refusal}` })
        return
      }
      try {
        // web-push encrypts (RFC 8291) and signs (VAPID); the platform's fetch sends, keeping connections open across a fan-out.
        const request = webpush.generateRequestDetails(
          { endpoint: message.endpoint, keys: { p256dh: message.p256dh, auth: message.auth } },
          message.payload,
          {
            TTL: ttl,
            urgency: message.urgency as 'normal' | 'high',
            topic: message.topic,
            vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
          },
        )
        const res = await fetch(request.endpoint, {
          method: request.method,
          headers: request.headers as Record<string, string>,
          body: request.body ? new Uint8Array(request.body) : null,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        })
        await res.arrayBuffer()
        if (res.ok) {
          outcomes.set(message.id, { outcome: 'sent' })
          return
        }
        const status = res.status
        const outcome: Outcome =
          status === 404 || status === 410 ? 'gone' : status === 429 || status >= 500 ? 'retry' : 'failed'
        outcomes.set(message.id, { outcome, error: `${status}: ${res.statusText}` })
      } catch (error) {
        outcomes.set(message.id, {
          outcome: 'retry',
          error: `no answer: ${String((error as Error).message).slice(0, 300)}`,
        })
      }
    }
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, messages.length) }, async () => {
        while (next < messages.length) await sendOne(messages[next++]!)
      }),
    )

    const at = new Date().toISOString()
    const byOutcome = (o: Outcome) => messages.filter((m) => outcomes.get(m.id)?.outcome === o)
    const done = byOutcome('sent')
    if (done.length > 0) {
      await db
        .updateTable('pushMessage')
        .set({ sentAt: at, lastError: null })
        .where(
          'id',
          'in',
          done.map((m) => m.id),
        )
        .execute()
      await db
        .updateTable('pushSubscription')
        .set({ lastSuccessAt: at })
        .where('id', 'in', [...new Set(done.map((m) => m.subscriptionId))])
        .execute()
    }
    const gone = byOutcome('gone')
    // The device unsubscribed or the browser was reset: the subscription and its queued messages go.
    if (gone.length > 0) {
      const ids = [...new Set(gone.map((m) => m.subscriptionId))]
      await db.deleteFrom('pushMessage').where('subscriptionId', 'in', ids).execute()
      await db.deleteFrom('pushSubscription').where('id', 'in', ids).execute()
    }
    for (const m of byOutcome('retry')) {
      await db
        .updateTable('pushMessage')
        .set({
          lastError: outcomes.get(m.id)!.error!,
          sendAfter: new Date(now.getTime() + retryPauseMs(attemptsOf.get(m.id)!)).toISOString(),
        })
        .where('id', '=', m.id)
        .execute()
    }
    for (const m of byOutcome('failed')) {
      await db
        .updateTable('pushMessage')
        .set({ lastError: outcomes.get(m.id)!.error!, attempts: MAX_ATTEMPTS })
        .where('id', '=', m.id)
        .execute()
    }
    sent += done.length
    if (claimed.length < BATCH) return sent
  }
}
