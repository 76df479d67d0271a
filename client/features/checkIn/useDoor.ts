import { computed, ref, shallowRef } from 'vue'
import { db } from '../../db/database.ts'
import { useLiveQuery } from '../../ui/useLiveQuery.ts'
import { identityFor } from '../../sync/identity.ts'
import { importVerifyKeys } from '../../../shared/signedToken.ts'
import { verifyingKeys } from '../cards/memberCards.ts'
import { useSessionStore } from '../session/sessionStore.ts'
import { useChange } from '../sync/useChange.ts'
import type { Attendee, ScanInput, WalkInInput } from '../../../shared/schemas/checkIn.ts'
import type { Problem } from '../../../shared/problem.ts'
import { judgeTicket, type DoorKit, type TicketVerdict } from './ticketVerdict.ts'
import { signal } from './signal.ts'
import { ticketShortCode } from '../../../shared/ticketCode.ts'

/** A check-in this phone queued that the server refused: who, and why. */
export interface RefusedCheckIn {
  seq: number
  problem: Problem
  rejectedAt: string
  who: string | null
}

/**
 * One phone at the door of one event: the scanner kit read from the device
 * (attendees with their ticket serials, check-ins from every phone as far as
 * synced, the server's keys), and the three ways in: a ticket scanned, a
 * name found, a walk-in registered. Everything works offline; check-ins go
 * through the outbox and the server classifies them.
 */
export function useDoor(eventId: () => string) {
  const session = useSessionStore()
  const change = useChange()
  const event = useLiveQuery(async () => (await db.events.where('id').equals(eventId()).first()) ?? null, undefined, [
    eventId,
  ])
  const attendees = useLiveQuery(() => db.attendees.where('eventId').equals(eventId()).toArray(), [] as Attendee[], [
    eventId,
  ])
  const checkIns = useLiveQuery(() => db.checkIns.where('eventId').equals(eventId()).toArray(), [], [eventId])
  /** Walk-ins this phone has queued and the server has not yet turned into registrations. */
  const queuedWalkIns = useLiveQuery(
    async () =>
      (await db.outbox.filter((e) => e.name === 'checkIn.walkIn').toArray())
        .map((e) => (e.args as { walkIn: WalkInInput }).walkIn)
        .filter((w) => w.eventId === eventId()),
    [] as WalkInInput[],
    [eventId],
  )

  /**
   * Check-ins of this event the server refused, until someone dismisses them:
   * the phone said "welcome", so the door must hear at once that it did not count.
   */
  const refused = useLiveQuery(
    async () => {
      const entries = await db.rejected
        .filter((r) => r.name === 'checkIn.record' || r.name === 'checkIn.walkIn')
        .toArray()
      return entries.flatMap((r) => {
        const args = r.args as { scan?: ScanInput; walkIn?: WalkInInput }
        const item = args.scan ?? args.walkIn
        if (!item || item.eventId !== eventId()) return []
        return [
          {
            seq: r.seq!,
            problem: r.problem as Problem,
            rejectedAt: r.rejectedAt,
            who: r.about ?? args.walkIn?.name ?? null,
          },
        ]
      })
    },
    [] as RefusedCheckIn[],
    [eventId],
  )

  /** First admission per registration, as this phone knows it. */
  const admittedAt = computed(() => {
    const first = new Map<string, string>()
    for (const c of checkIns.value) {
      if (c.verdict !== 'admitted') continue
      const known = first.get(c.registrationId)
      if (!known || c.correctedAt < known) first.set(c.registrationId, c.correctedAt)
    }
    return first
  })
  const registered = computed(() => attendees.value.filter((a) => a.status === 'registered'))
  const arrived = computed(() => admittedAt.value.size + queuedWalkIns.value.length)
  const flagged = computed(() =>
    checkIns.value.filter((c) => c.verdict !== 'admitted').sort((a, b) => b.correctedAt.localeCompare(a.correctedAt)),
  )

  const keys = shallowRef<Record<string, CryptoKey> | null>(null)
  async function loadKeys(): Promise<void> {
    keys.value = await importVerifyKeys(await verifyingKeys())
  }
  void loadKeys()

  async function deviceId(): Promise<string> {
    return (await identityFor(db, session.personId)).clientId
  }

  async function record(attendee: Attendee, method: 'scan' | 'search'): Promise<void> {
    const scan = {
      id: crypto.randomUUID(),
      eventId: eventId(),
      registrationId: attendee.id,
      deviceId: await deviceId(),
      scannedAt: new Date().toISOString(),
      method,
    }
    await change('checkIn.record', { scan }, attendee.name)
  }

  const verdict = ref<(TicketVerdict & { at: number }) | null>(null)

  /** A scanned or typed code: judged at once, told with sound and vibration, recorded when it lets someone in. */
  async function handleCode(code: string): Promise<TicketVerdict> {
    const kit: DoorKit = {
      eventId: eventId(),
      isEventCancelled: event.value?.status === 'cancelled',
      keys: keys.value ?? (await importVerifyKeys(await verifyingKeys())),
      attendeeByTicket: async (ticketId) => await db.attendees.where('ticketId').equals(ticketId).first(),
      attendeeByShortCode: async (shortCode) =>
        attendees.value.find((a) => a.ticketId !== null && ticketShortCode(a.ticketId) === shortCode),
      admittedAt: async (registrationId) => admittedAt.value.get(registrationId) ?? null,
    }
    const result = await judgeTicket(code, kit, new Date())
    verdict.value = { ...result, at: Date.now() }
    signal(result.kind === 'admit' ? 'yes' : result.kind === 'duplicate' ? 'again' : 'no')
    if (result.kind === 'admit') await record(result.attendee, 'scan')
    return result
  }

  async function checkInByName(attendee: Attendee): Promise<void> {
    await record(attendee, 'search')
    verdict.value = { kind: 'admit', attendee, at: Date.now() }
    signal('yes')
  }

  async function walkIn(person: { name: string; email: string }): Promise<void> {
    const walkIn = {
      id: crypto.randomUUID(),
      eventId: eventId(),
      deviceId: await deviceId(),
      scannedAt: new Date().toISOString(),
      ...person,
    }
    await change('checkIn.walkIn', { walkIn }, person.name)
    signal('yes')
  }

  async function dismissRefused(seq: number): Promise<void> {
    await db.rejected.delete(seq)
  }

  return {
    event,
    attendees,
    registered,
    checkIns,
    admittedAt,
    arrived,
    flagged,
    queuedWalkIns,
    refused,
    verdict,
    handleCode,
    checkInByName,
    walkIn,
    loadKeys,
    dismissRefused,
  }
}
