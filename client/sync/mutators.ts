import type { AlumniDb, UndoStep } from '../db/database.ts'
import type { MutationArgs, MutationName } from '../../shared/sync/mutations.ts'
import type { EntityTable } from '../../shared/sync/entityTables.ts'
import { PUBLIC_SCOPE, networkStaffScope, userScope } from '../../shared/sync/scopes.ts'
import { evaluateAdmission } from '../../shared/admission.ts'
import { membershipId, registrationId } from '../../shared/ids.ts'
import type { NotificationSettings } from '../../shared/schemas/push.ts'
import { blankNetwork } from '../../shared/schemas/network.ts'

type Mutator<N extends MutationName> = (
  db: AlumniDb,
  args: MutationArgs<N>,
  now: string,
  personId: string | null,
) => Promise<UndoStep[]>

/** Applies `patch` to every local copy of row `id` in `table`, returning how to undo it. */
async function patchRows(
  db: AlumniDb,
  table: EntityTable,
  id: string,
  patch: Record<string, unknown>,
): Promise<UndoStep[]> {
  const rows = (await db.table(table).where('id').equals(id).toArray()) as Record<string, unknown>[]
  const undo: UndoStep[] = []
  for (const row of rows) {
    undo.push({ table, key: row._key as string, before: row })
    await db.table(table).put({ ...row, ...patch })
  }
  return undo
}

/** Writes one row in a scope (new or replacing), returning how to undo it. */
async function putRow(
  db: AlumniDb,
  table: EntityTable,
  scope: string,
  row: { id: string } & Record<string, unknown>,
): Promise<UndoStep[]> {
  const key = `${scope}|${row.id}`
  const before = ((await db.table(table).get(key)) as Record<string, unknown> | undefined) ?? null
  await db.table(table).put({ ...row, _key: key, _scope: scope })
  return [{ table, key, before }]
}

/** Deletes every local copy of row `id` in `table`, returning how to undo it. */
async function deleteRows(db: AlumniDb, table: EntityTable, id: string): Promise<UndoStep[]> {
  const rows = (await db.table(table).where('id').equals(id).toArray()) as Record<string, unknown>[]
  await db.table(table).bulkDelete(rows.map((r) => r._key as string))
  return rows.map((row) => ({ table, key: row._key as string, before: row }))
}

/** A list with `id` in it or not. */
const toggled = (ids: readonly string[], id: string, isIn: boolean) =>
  isIn ? [...new Set([...ids, id])] : ids.filter((x) => x !== id)

/** Changes the person's own notification settings row (made with the defaults when there is none yet). */
async function patchOwnSettings(
  db: AlumniDb,
  personId: string | null,
  now: string,
  patch: (own: NotificationSettings) => Partial<NotificationSettings>,
): Promise<UndoStep[]> {
  if (!personId) return []
  const own: NotificationSettings = {
    id: personId,
    networks: {},
    quietHours: null,
    newsletterEmailOff: [],
    newsletterSubscriptions: [],
    followedGroups: [],
    updatedAt: now,
    ...(await db.notificationSettings.get(`${userScope(personId)}|${personId}`)),
  }
  return putRow(db, 'notificationSettings', userScope(personId), { ...own, ...patch(own), updatedAt: now })
}

/** Patches the person's own membership of a network, found by network and person (not by a guessed id). */
async function patchOwnMembership(
  db: AlumniDb,
  networkId: string,
  personId: string | null,
  patch: Record<string, unknown>,
): Promise<UndoStep[]> {
  if (!personId) return []
  const own = await db.memberships
    .where('networkId')
    .equals(networkId)
    .filter((m) => m.personId === personId)
    .first()
  return own ? patchRows(db, 'memberships', own.id, patch) : []
}

/**
 * The device's side of each mutation: what the change looks like locally at
 * once, before the server has seen it. The server's answer (through the next
 * pull) replaces it; a refusal puts the rows back as they were.
 */
export const MUTATORS: { [N in MutationName]: Mutator<N> } = {
  'network.create': (db, { network }, now) => putRow(db, 'networks', PUBLIC_SCOPE, blankNetwork(network, now)),
  'network.update': (db, { networkId, patch }, now) =>
    patchRows(db, 'networks', networkId, { ...patch, updatedAt: now }),
  'boardSeat.save': (db, { seat }) => putRow(db, 'boardSeats', PUBLIC_SCOPE, seat),
  'boardSeat.remove': (db, { seatId }) => deleteRows(db, 'boardSeats', seatId),
  // Shown at once as started by alumni; the server says whether it is the network's own.
  'group.create': (db, { group }, now) =>
    putRow(db, 'groups', PUBLIC_SCOPE, {
      ...group,
      startedBy: 'alumni',
      status: 'active',
      dormantFlags: 0,
      createdAt: now,
    }),
  // The count and the status come from the server: one person's flag counts once.
  'group.flagDormant': () => Promise.resolve([]),
  'group.setStatus': (db, { groupId, status }) =>
    patchRows(db, 'groups', groupId, status === 'active' ? { status, dormantFlags: 0 } : { status }),
  'profile.update': async (db, { patch }, now) => {
    const own = await db.profiles.toArray()
    return (await Promise.all(own.map((p) => patchRows(db, 'profiles', p.id, { ...patch, updatedAt: now })))).flat()
  },
  'profile.setVisibility': async (db, { visibility }, now) => {
    const own = await db.profiles.toArray()
    return (await Promise.all(own.map((p) => patchRows(db, 'profiles', p.id, { visibility, updatedAt: now })))).flat()
  },
  // The image goes to the server through the outbox; the device shows it once the server has it.
  'profile.setPhoto': () => Promise.resolve([]),
  'education.add': (db, { education }, _now, personId) =>
    personId ? putRow(db, 'educations', userScope(personId), { ...education, personId }) : Promise.resolve([]),
  'education.remove': (db, { educationId }) => deleteRows(db, 'educations', educationId),
  'event.save': async (db, { event }) => {
    const before = await db.events.where('id').equals(event.id).first()
    // Drafts live in the staff scope until published; the server moves the row on the next pull.
    const scope = event.status === 'draft' ? networkStaffScope(event.networkId) : PUBLIC_SCOPE
    const undo = before && before._scope !== scope ? await deleteRows(db, 'events', event.id) : []
    return [
      ...undo,
      ...(await putRow(db, 'events', scope, {
        ...event,
        registeredCount: before?.registeredCount ?? 0,
        waitlistCount: before?.waitlistCount ?? 0,
      })),
    ]
  },
  'event.cancel': (db, { eventId }) => patchRows(db, 'events', eventId, { status: 'cancelled' }),
  'registration.register': async (db, { eventId, answers }, now, personId) => {
    const event = await db.events.where('id').equals(eventId).first()
    if (!personId || !event) return []
    const id = registrationId(eventId, personId)
    const mine = await db.registrations.get(`${userScope(personId)}|${id}`)
    if (mine && mine.status !== 'cancelled') return patchRows(db, 'registrations', mine.id, { answers })
    // Shown as the server will most likely decide; the server has the last word on the place.
    const hasPlace = event.capacity === null || (event.registeredCount ?? 0) < event.capacity
    return putRow(db, 'registrations', userScope(personId), {
      id,
      eventId,
      personId,
      status: hasPlace ? 'registered' : 'waitlisted',
      createdAt: now,
      answers,
      promotedAt: null,
    })
  },
  'registration.cancel': async (db, { eventId }, _now, personId) =>
    personId ? patchRows(db, 'registrations', registrationId(eventId, personId), { status: 'cancelled' }) : [],
  // Shown at once as this phone judges it; the server classifies scans from every phone by time.
  'checkIn.record': async (db, { scan }, _now, personId) => {
    const event = await db.events.where('id').equals(scan.eventId).first()
    if (!event) return []
    const earlier = await db.checkIns
      .where('registrationId')
      .equals(scan.registrationId)
      .filter((c) => c.verdict === 'admitted')
      .first()
    return putRow(db, 'checkIns', networkStaffScope(event.networkId), {
      ...scan,
      networkId: event.networkId,
      operatorId: personId,
      correctedAt: scan.scannedAt,
      verdict: earlier ? 'duplicate' : 'admitted',
    })
  },
  // The person's account and place are made by the server; the door screen counts the queued walk-in meanwhile.
  'checkIn.walkIn': () => Promise.resolve([]),
  // Answered on Meg from a list read from the server; the place, if it was theirs, arrives by sync.
  'walkIn.decide': () => Promise.resolve([]),
  'checkIn.self': async (db, { checkIn }, _now, personId) =>
    personId
      ? patchRows(db, 'registrations', registrationId(checkIn.eventId, personId), { checkedInAt: checkIn.scannedAt })
      : [],
  'feedback.give': async (db, { eventId }, now, personId) =>
    personId ? patchRows(db, 'registrations', registrationId(eventId, personId), { feedbackAt: now }) : [],
  'newsletter.save': async (db, { newsletter }, now) => {
    const existing = await db.newsletters.where('id').equals(newsletter.id).first()
    return putRow(db, 'newsletters', networkStaffScope(newsletter.networkId), {
      ...newsletter,
      status: existing?.status ?? 'draft',
      scheduledAt: existing?.scheduledAt ?? null,
      sentAt: null,
      events: [],
      updatedAt: now,
      stats: existing?.stats ?? null,
    })
  },
  'newsletter.schedule': (db, { newsletterId, at }, now) =>
    patchRows(db, 'newsletters', newsletterId, { status: 'scheduled', scheduledAt: at ?? now }),
  'newsletter.unschedule': (db, { newsletterId }) =>
    patchRows(db, 'newsletters', newsletterId, { status: 'draft', scheduledAt: null }),
  // Counted by the server once per person; nothing changes on the device.
  'newsletter.open': () => Promise.resolve([]),
  'notifications.update': (db, { settings }, now, personId) => patchOwnSettings(db, personId, now, () => settings),
  'group.follow': (db, { groupId, isOn }, now, personId) =>
    patchOwnSettings(db, personId, now, (own) => ({ followedGroups: toggled(own.followedGroups, groupId, isOn) })),
  'newsletter.subscribe': (db, { networkId, isOn }, now, personId) =>
    patchOwnSettings(db, personId, now, (own) => ({
      newsletterSubscriptions: toggled(own.newsletterSubscriptions, networkId, isOn),
    })),
  'membership.join': async (db, { networkId }, now, personId) => {
    const network = await db.networks.where('id').equals(networkId).first()
    if (!personId || !network) return []
    const faculty = await db.faculties.where('id').equals(network.facultyId).first()
    const educations = await db.educations.where('personId').equals(personId).toArray()
    const profile = await db.profiles.where('id').equals(personId).first()
    // Shown at once as the server will most likely decide; the server has the last word.
    const decision = evaluateAdmission(
      network.admission,
      { educations, city: profile?.city ?? null, isInvited: false },
      faculty?.institutionId ?? '',
    )
    if (decision.outcome === 'refuse') return []
    return putRow(db, 'memberships', userScope(personId), {
      id: membershipId(networkId, personId),
      networkId,
      personId,
      status: decision.outcome === 'join' ? 'active' : 'requested',
      role: 'member',
      since: now,
      source: 'request',
      lawfulBasis: 'consent',
      basisExpiresAt: null,
    })
  },
  'membership.leave': (db, { networkId }, _now, personId) =>
    patchOwnMembership(db, networkId, personId, { status: 'ended', role: 'member' }),
  'membership.decide': (db, { membershipId: id }) => deleteRows(db, 'joinRequests', id),
  'membership.setRole': async (db, { networkId, personId, role }) => {
    // The staff's copy of the member (their own membership row, if it is the person themself, comes with the next pull).
    const entries = await db.members
      .where('id')
      .equals(personId)
      .filter((m) => m.networkId === networkId)
      .toArray()
    return (await Promise.all(entries.map((e) => putRow(db, 'members', e._scope, { ...e, role })))).flat()
  },
  'membership.remove': async (db, { networkId, personId }) => {
    const entries = await db.members
      .where('id')
      .equals(personId)
      .filter((m) => m.networkId === networkId)
      .toArray()
    await db.members.bulkDelete(entries.map((e) => e._key))
    return entries.map((e) => ({ table: 'members' as const, key: e._key, before: e }))
  },
  'membership.consent': (db, { networkId }, _now, personId) =>
    patchOwnMembership(db, networkId, personId, { lawfulBasis: 'consent', basisExpiresAt: null }),
}
