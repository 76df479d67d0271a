import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { canManageNetwork } from '../session/permissions.ts'
import { recordCheckInChanges } from './attendees.ts'
import { recordEventChange } from '../events/changes.ts'
import { recordRegistrationChange } from '../events/registrations.ts'
import { registrationId as registrationIdOf } from '../../../shared/ids.ts'
import { createWalkInGuest } from './walkIns.ts'
import { verifyVenueCode } from './venueCodes.ts'

/** The scan's time on the server's clock: the device's time plus its measured offset, never later than now. */
function correctedTime(ctx: MutationContext, scannedAt: string): string {
  const corrected = Date.parse(scannedAt) + (ctx.clockOffsetMs ?? 0)
  return new Date(Math.min(corrected, Date.parse(ctx.now))).toISOString()
}

async function mayRunDoor(
  ctx: MutationContext,
  eventId: string,
): Promise<{ networkId: string; status: string; startsAt: string; endsAt: string }> {
  const event = await ctx.trx
    .selectFrom('event')
    .select(['networkId', 'status', 'startsAt', 'endsAt'])
    .where('id', '=', eventId)
    .executeTakeFirst()
  if (!event) throw new AppError('not-found', 'This event no longer exists')
  if (!(await canManageNetwork(ctx.trx, ctx.personId, event.networkId)))
    throw new AppError('forbidden', "Only the network's board and staff may check people in")
  return event
}

/**
 * The registration, locked for this transaction: scans of one ticket from
 * several phones take turns, so two uploads at the same moment cannot both
 * see themselves as first. SQLite runs one write transaction at a time.
 */
async function lockedRegistration(ctx: MutationContext, id: string) {
  const query = ctx.trx.selectFrom('registration').select(['id', 'eventId', 'status']).where('id', '=', id)
  return ctx.forUpdate(query).executeTakeFirst()
}

/**
 * Decides which of a registration's scans is the admission: the first by
 * corrected time (then by scan id, so ties end the same everywhere); every
 * later one is a duplicate. The result depends only on the set of scans, not
 * on the order they arrived in, so phones that upload in any order agree.
 * Answers the ids whose verdict changed.
 */
export async function classifyScans(ctx: MutationContext, registrationId: string): Promise<string[]> {
  const scans = await ctx.trx
    .selectFrom('checkIn')
    .select(['id', 'verdict'])
    .where('registrationId', '=', registrationId)
    .where('verdict', '!=', 'invalid')
    .orderBy('correctedAt')
    .orderBy('id')
    .execute()
  const changed: string[] = []
  for (const [i, scan] of scans.entries()) {
    const verdict = i === 0 ? 'admitted' : 'duplicate'
    if (scan.verdict === verdict) continue
    await ctx.trx.updateTable('checkIn').set({ verdict }).where('id', '=', scan.id).execute()
    changed.push(scan.id)
  }
  return changed
}

/**
 * Appends one check-in and classifies the registration's scans again. The
 * same scan id arriving twice is kept once. A registration that lost its
 * place before the upload is recorded as invalid, so staff see who got in
 * on a ticket that was no longer good.
 */
async function appendCheckIn(
  ctx: MutationContext,
  scan: {
    id: string
    eventId: string
    registrationId: string
    deviceId: string
    operatorId: string | null
    scannedAt: string
    method: string
  },
): Promise<void> {
  const registration = await lockedRegistration(ctx, scan.registrationId)
  if (!registration || registration.eventId !== scan.eventId)
    throw new AppError('validation', 'This ticket is not for this event', [
      { path: ['args', 'scan', 'registrationId'], message: 'not a registration for this event' },
    ])
  const existing = await ctx.trx
    .selectFrom('checkIn')
    .select('registrationId')
    .where('id', '=', scan.id)
    .executeTakeFirst()
  if (existing) {
    if (existing.registrationId !== scan.registrationId)
      throw new AppError('conflict', 'This scan id is already used for another ticket')
    return
  }
  await ctx.trx
    .insertInto('checkIn')
    .values({
      ...scan,
      correctedAt: correctedTime(ctx, scan.scannedAt),
      verdict: registration.status === 'registered' ? 'duplicate' : 'invalid',
    })
    .execute()
  const changed = await classifyScans(ctx, scan.registrationId)
  await recordCheckInChanges(ctx, [...new Set([scan.id, ...changed])])
  // The person's own phone learns they are in (and the time it counts from).
  await recordRegistrationChange(ctx, scan.registrationId)
}

/** A ticket scanned or a person found by name at the door, uploaded by a staff phone (maybe long after, from offline). */
export async function recordScan(ctx: MutationContext, { scan }: MutationArgs<'checkIn.record'>): Promise<void> {
  await mayRunDoor(ctx, scan.eventId)
  await appendCheckIn(ctx, { ...scan, operatorId: ctx.personId })
}

/**
 * Someone who registers at the door: a guest entry under the name and
 * address staff typed (never looked up: the door must not tell staff whose
 * account an address is, nor make an account nobody signed in to), given a
 * place even when the event is full (staff let them in) and checked in at
 * once. The address's owner links it to their account, or not, on **Meg**.
 */
export async function recordWalkIn(ctx: MutationContext, { walkIn }: MutationArgs<'checkIn.walkIn'>): Promise<void> {
  const event = await mayRunDoor(ctx, walkIn.eventId)
  if (event.status !== 'published') throw new AppError('conflict', 'This event is not open')
  const personId = await createWalkInGuest(ctx, walkIn)
  const id = registrationIdOf(walkIn.eventId, personId)
  const existing = await lockedRegistration(ctx, id)
  if (existing?.status !== 'registered') {
    const counts = await ctx.trx
      .selectFrom('event')
      .select(['registeredCount', 'waitlistCount'])
      .where('id', '=', walkIn.eventId)
      .executeTakeFirstOrThrow()
    if (existing) {
      await ctx.trx
        .updateTable('registration')
        .set((eb) => ({
          status: 'registered',
          ticketSerial: eb('ticketSerial', '+', existing.status === 'cancelled' ? 1 : 0),
        }))
        .where('id', '=', id)
        .execute()
    } else {
      await ctx.trx
        .insertInto('registration')
        .values({
          id,
          eventId: walkIn.eventId,
          personId,
          status: 'registered',
          createdAt: ctx.now,
          answers: '{}',
          promotedAt: null,
        })
        .execute()
    }
    await ctx.trx
      .updateTable('event')
      .set({
        registeredCount: counts.registeredCount + 1,
        waitlistCount: counts.waitlistCount - (existing?.status === 'waitlisted' ? 1 : 0),
      })
      .where('id', '=', walkIn.eventId)
      .execute()
    await recordEventChange(ctx, walkIn.eventId)
  }
  await appendCheckIn(ctx, {
    id: walkIn.id,
    eventId: walkIn.eventId,
    registrationId: id,
    deviceId: walkIn.deviceId,
    operatorId: ctx.personId,
    scannedAt: walkIn.scannedAt,
    method: 'walkIn',
  })
}

const HOUR = 3_600_000
/**
 * How long before its upload a self check-in may say it scanned the code: a
 * phone without reception at the door sends it when it finds a network. Both
 * times come from the phone, so this bounds how old a photographed code can
 * be made to look fresh (the code's own minute, plus this).
 */
export const SELF_CHECK_IN_OFFLINE_MS = 15 * 60_000

/**
 * An attendee checks themself in by scanning the venue code at the door. The
 * code must be the server's, for this event, and shown at the time of the
 * scan (corrected to the server's clock), within the event's window (an hour
 * before the start until the end), and the scan no older than a plausible
 * offline spell ({@link SELF_CHECK_IN_OFFLINE_MS}). Recorded once per person.
 */
export async function selfCheckIn(ctx: MutationContext, { checkIn }: MutationArgs<'checkIn.self'>): Promise<void> {
  const event = await ctx.trx
    .selectFrom('event')
    .select(['status', 'startsAt', 'endsAt'])
    .where('id', '=', checkIn.eventId)
    .executeTakeFirst()
  if (!event) throw new AppError('not-found', 'This event no longer exists')
  const at = correctedTime(ctx, checkIn.scannedAt)
  if (Date.parse(ctx.now) - Date.parse(at) > SELF_CHECK_IN_OFFLINE_MS) {
    throw new AppError(
      'conflict',
      'This venue code was scanned too long ago to count; scan the one on the screen now',
      [{ path: ['args', 'checkIn', 'scannedAt'], message: 'too long ago' }],
    )
  }
  const venue = await verifyVenueCode(ctx.trx, checkIn.venueCode)
  if (!venue || venue.eid !== checkIn.eventId)
    throw new AppError('validation', 'This is not the venue code of this event', [
      { path: ['args', 'checkIn', 'venueCode'], message: "not this event's code" },
    ])
  if (at < venue.nbf || at > venue.exp)
    throw new AppError('conflict', 'This venue code had expired when it was scanned; scan the one on the screen now')
  if (at < new Date(Date.parse(event.startsAt) - HOUR).toISOString() || at > event.endsAt)
    throw new AppError('conflict', 'Check-in is open from an hour before the event until it ends')
  const id = registrationIdOf(checkIn.eventId, ctx.personId)
  const registration = await lockedRegistration(ctx, id)
  if (registration?.status !== 'registered') throw new AppError('conflict', 'You have no place at this event')
  const admitted = await ctx.trx
    .selectFrom('checkIn')
    .select('id')
    .where('registrationId', '=', id)
    .where('verdict', '=', 'admitted')
    .executeTakeFirst()
  if (admitted) return
  await appendCheckIn(ctx, {
    id: checkIn.id,
    eventId: checkIn.eventId,
    registrationId: id,
    deviceId: 'self',
    operatorId: ctx.personId,
    scannedAt: checkIn.scannedAt,
    method: 'self',
  })
}
