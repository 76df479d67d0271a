import { rowKey } from '../../db/database.ts'
import { deleteRows, patchRows, putRow, type MutatorTable } from '../../sync/localRows.ts'
import { PUBLIC_SCOPE, networkStaffScope, userScope } from '../../../shared/sync/scopes.ts'
import { registrationId } from '../../../shared/ids.ts'

/** This feature's mutations as the device applies them at once (see `client/sync/mutators.ts`). */
export const EVENT_MUTATORS = {
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
    const mine = await db.registrations.get(rowKey(userScope(personId), id))
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
} satisfies Partial<MutatorTable>
