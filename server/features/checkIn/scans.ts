import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import { registrationId as registrationIdOf } from '../../../shared/ids.ts'
import { verifyVenueCode } from './venueCodes.ts'
import { appendCheckIn, correctedTime, lockedRegistration, mayRunDoor } from './ledger.ts'

/** A ticket scanned or a person found by name at the door, uploaded by a staff phone (maybe long after, from offline). */
export async function recordScan(ctx: MutationContext, { scan }: MutationArgs<'checkIn.record'>): Promise<void> {
  await mayRunDoor(ctx, scan.eventId)
  await appendCheckIn(ctx, { ...scan, operatorId: ctx.personId })
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
