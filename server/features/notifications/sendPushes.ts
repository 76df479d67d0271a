import webpush from 'web-push'
import type { Db } from '../../db/schema.ts'
import { drainQueue, type SendOutcome } from '../../lib/queue.ts'
import type { VapidKeys } from './vapid.ts'
import { KNOWN_PUSH_HOSTS, endpointRefusalAtSend } from './endpointPolicy.ts'
import { vapidAuthorization } from './vapidHeaders.ts'

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

/**
 * Sends the pushes that are due: claimed in batches (leased, so several
 * server processes share the queue on PostgreSQL without sending one twice),
 * encrypted with `web-push` (RFC 8291 aes128gcm), signed (VAPID) and sent
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
  return drainQueue(db, 'pushMessage', {
    now,
    batch: BATCH,
    leaseMs,
    maxAttempts: MAX_ATTEMPTS,
    concurrency: CONCURRENCY,
    retryPauseMs,
    load: (ids) =>
      db
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
        .where('pushMessage.id', 'in', ids)
        .execute(),
    send: (message) => sendPush(message, vapid, pushHosts),
    afterBatch: async (results) => {
      const subscriptionsWhere = (outcome: (o: SendOutcome) => boolean) => [
        ...new Set(results.filter((r) => outcome(r.outcome)).map((r) => r.row.subscriptionId)),
      ]
      const reached = subscriptionsWhere((o) => o === 'sent')
      if (reached.length > 0)
        await db
          .updateTable('pushSubscription')
          .set({ lastSuccessAt: new Date().toISOString() })
          .where('id', 'in', reached)
          .execute()
      // The device unsubscribed or the browser was reset: the subscription and its queued messages go.
      const gone = subscriptionsWhere((o) => typeof o === 'object' && 'giveUp' in o && o.giveUp.startsWith(GONE))
      if (gone.length > 0) {
        await db.deleteFrom('pushMessage').where('subscriptionId', 'in', gone).execute()
        await db.deleteFrom('pushSubscription').where('id', 'in', gone).execute()
      }
    },
  })
}

/** How a refusal that ends the subscription itself begins. */
const GONE = 'gone: '

interface QueuedPush {
  payload: string
  topic: string
  urgency: string
  expiresAt: string
  endpoint: string
  p256dh: string
  auth: string
}

/** One push, encrypted and signed, to its push service. */
async function sendPush(message: QueuedPush, vapid: VapidKeys, pushHosts: readonly string[]): Promise<SendOutcome> {
  const ttl = Math.min(MAX_TTL_S, Math.floor((Date.parse(message.expiresAt) - Date.now()) / 1000))
  if (ttl <= 0) return { giveUp: 'expired before it could be sent' }
  // Checked again at send time: the list may have changed, and a name may now resolve into a private network.
  const refusal = await endpointRefusalAtSend(message.endpoint, pushHosts)
  if (refusal) return { giveUp: `${GONE}refused endpoint: ${refusal}` }
  try {
    // web-push encrypts (RFC 8291); the VAPID token is signed once per push service (vapidHeaders.ts); the
    // platform's fetch sends, keeping connections open across a fan-out.
    const request = webpush.generateRequestDetails(
      { endpoint: message.endpoint, keys: { p256dh: message.p256dh, auth: message.auth } },
      message.payload,
      {
        TTL: ttl,
        urgency: message.urgency as 'normal' | 'high',
        topic: message.topic,
        headers: { Authorization: vapidAuthorization(message.endpoint, vapid) },
      },
    )
    const res = await fetch(request.endpoint, {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: request.body ? new Uint8Array(request.body) : null,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    await res.arrayBuffer()
    if (res.ok) return 'sent'
    const error = `${res.status}: ${res.statusText}`
    if (res.status === 404 || res.status === 410) return { giveUp: `${GONE}${error}` }
    return res.status === 429 || res.status >= 500 ? { retry: error } : { giveUp: error }
  } catch (error) {
    return { retry: `no answer: ${String((error as Error).message).slice(0, 300)}` }
  }
}
