import { computed, ref, shallowRef } from 'vue'
import { db } from '../../db/database.ts'
import { useLiveQuery } from '../../ui/useLiveQuery.ts'
import { identityFor } from '../../sync/identity.ts'
import { importVerifyKeys } from '../../../shared/signedToken.ts'
import { verifyingKeys } from '../card/memberCards.ts'
import { useSessionStore } from '../session/sessionStore.ts'
import { useChange } from '../sync/useChange.ts'
import type { Attendee, WalkInInput } from '../../../shared/schemas/checkIn.ts'
import { judgeTicket, type DoorKit, type TicketVerdict } from './ticketVerdict.ts'
import { signal } from './signal.ts'

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
  const event = useLiveQuery(async () => (await db.events.where('id').equals(eventId()).first()) ?? null, undefined, [eventId])
  const attendees = useLiveQuery(() => db.attendees.where('eventId').equals(eventId()).toArray(), [] as Attendee[], [eventId])
  const checkIns = useLiveQuery(() => db.checkIns.where('eventId').equals(eventId()).toArray(), [], [eventId])
  /** Walk-ins this phone has queued and the server has not yet turned into registrations. */
  const queuedWalkIns = useLiveQuery(async () => (await db.outbox.filter((e) => e.name === 'checkIn.walkIn').toArray())
    .map((e) => (e.args as { walkIn: WalkInInput }).walkIn).filter((w) => w.eventId === eventId()), [] as WalkInInput[], [eventId])

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
  const flagged = computed(() => checkIns.value.filter((c) => c.verdict !== 'admitted').sort((a, b) => b.correctedAt.localeCompare(a.correctedAt)))

  const keys = shallowRef<Record<string, CryptoKey> | null>(null)
  async function loadKeys(): Promise<void> { keys.value = await importVerifyKeys(await verifyingKeys()) }
  void loadKeys()

  async function deviceId(): Promise<string> { return (await identityFor(db, session.personId)).clientId }

  async function record(registrationId: string, method: 'scan' | 'search'): Promise<void> {
    await change('checkIn.record', { scan: { id: crypto.randomUUID(), eventId: eventId(), registrationId, deviceId: await deviceId(), scannedAt: new Date().toISOString(), method } })
  }

  const verdict = ref<(TicketVerdict & { at: number }) | null>(null)

  /** A scanned or typed code: judged at once, told with sound and vibration, recorded when it lets someone in. */
  async function handleCode(code: string): Promise<TicketVerdict> {
    const kit: DoorKit = {
      eventId: eventId(), isEventCancelled: event.value?.status === 'cancelled', keys: keys.value ?? await importVerifyKeys(await verifyingKeys()),
      attendeeByTicket: async (ticketId) => (await db.attendees.where('ticketId').equals(ticketId).first()),
      admittedAt: async (registrationId) => admittedAt.value.get(registrationId) ?? null,
    }
    const result = await judgeTicket(code, kit, new Date())
    verdict.value = { ...result, at: Date.now() }
    signal(result.kind === 'admit' ? 'yes' : result.kind === 'duplicate' ? 'again' : 'no')
    if (result.kind === 'admit') await record(result.attendee.id, 'scan')
    return result
  }

  async function checkInByName(attendee: Attendee): Promise<void> {
    await record(attendee.id, 'search')
    verdict.value = { kind: 'admit', attendee, at: Date.now() }
    signal('yes')
  }

  async function walkIn(person: { name: string, email: string }): Promise<void> {
    await change('checkIn.walkIn', { walkIn: { id: crypto.randomUUID(), eventId: eventId(), deviceId: await deviceId(), scannedAt: new Date().toISOString(), ...person } })
    signal('yes')
  }

  return { event, attendees, registered, checkIns, admittedAt, arrived, flagged, queuedWalkIns, verdict, handleCode, checkInByName, walkIn, loadKeys }
}
