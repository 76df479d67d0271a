// Runs in Chromium, driven by bench/door.ts: the door phone's own code (the
// ticket verdict against the scanner kit in IndexedDB, the outbox and its
// upload) against the real server, each beside a baseline from the same run.
import { createDatabase } from '../../client/db/database.ts'
import { enqueueMutation } from '../../client/sync/outbox.ts'
import { pushOutbox } from '../../client/sync/pushOutbox.ts'
import { createApi } from '../../client/api/client.ts'
import { judgeTicket, type DoorKit } from '../../client/features/checkIn/ticketVerdict.ts'
import { fromBase64Url, importVerifyKeys, readToken } from '../../shared/signedToken.ts'
import { networkStaffScope } from '../../shared/sync/scopes.ts'
import type { Attendee } from '../../shared/schemas/checkIn.ts'
import type { Event } from '../../shared/schemas/event.ts'

interface DoorBenchInput {
  tokens: string[]
  attendees: Attendee[]
  event: Event
  keys: { kid: string; publicKey: string }[]
  personId: string
  uploads: number
}

async function run(input: DoorBenchInput) {
  const db = createDatabase(`bench-door-${Date.now()}`)
  await db.open()
  const scope = networkStaffScope(input.event.networkId)
  await db.events.put({ ...input.event, _key: `public|${input.event.id}`, _scope: 'public' })
  await db.attendees.bulkPut(input.attendees.map((a) => ({ ...a, _key: `${scope}|${a.id}`, _scope: scope })))
  const keys = await importVerifyKeys(Object.fromEntries(input.keys.map((k) => [k.kid, fromBase64Url(k.publicKey)])))

  // Every ticket judged as the door page does: signature, window, the kit's serial from IndexedDB.
  const kit: DoorKit = {
    eventId: input.event.id,
    isEventCancelled: false,
    keys,
    attendeeByTicket: async (ticketId) => db.attendees.where('ticketId').equals(ticketId).first(),
    attendeeByShortCode: async () => undefined,
    admittedAt: async () => null,
  }
  let started = performance.now()
  let admitted = 0
  for (const token of input.tokens) if ((await judgeTicket(token, kit, new Date())).kind === 'admit') admitted++
  const judgeMs = performance.now() - started

  // The floor: the Ed25519 signature checks alone, same tokens, same imported key.
  started = performance.now()
  for (const token of input.tokens) {
    const read = readToken(token)!
    await crypto.subtle.verify({ name: 'Ed25519' }, keys[String(read.payload.kid)]!, read.signature, read.signed)
  }
  const bareVerifyMs = performance.now() - started

  // A phone that scanned offline: its queued scans, then the upload when the connection returns.
  started = performance.now()
  for (const a of input.attendees.slice(0, input.uploads)) {
    await enqueueMutation(db, input.personId, 'checkIn.record', {
      scan: {
        id: crypto.randomUUID(),
        eventId: input.event.id,
        registrationId: a.id,
        deviceId: 'bench-door',
        scannedAt: new Date().toISOString(),
        method: 'scan',
      },
    })
  }
  const enqueueMs = performance.now() - started
  started = performance.now()
  const outcome = await pushOutbox(db, createApi(), input.personId)
  const uploadMs = performance.now() - started
  const left = await db.outbox.count()
  db.close()
  return {
    scans: input.tokens.length,
    admitted,
    judgeMs,
    bareVerifyMs,
    enqueueMs,
    uploadMs,
    outcome: outcome.kind,
    left,
  }
}

;(window as unknown as { runDoorBench: typeof run }).runDoorBench = run
