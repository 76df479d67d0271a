// The check-in ledger: every scan is appended, and which one admitted a
// registration is decided from the set of scans alone. Door scans, self
// check-ins and walk-ins all write through here.
import type { MutationContext } from '../../sync/mutationContext.ts'
import { AppError } from '../../lib/problem.ts'
import { canManageNetwork } from '../session/permissions.ts'
import { recordCheckInChanges } from './attendees.ts'
import { recordRegistrationChange } from '../events/registrations.ts'

/** The scan's time on the server's clock: the device's time plus its measured offset, never later than now. */
export function correctedTime(ctx: MutationContext, scannedAt: string): string {
  const corrected = Date.parse(scannedAt) + (ctx.clockOffsetMs ?? 0)
  return new Date(Math.min(corrected, Date.parse(ctx.now))).toISOString()
}

export async function mayRunDoor(
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
export async function lockedRegistration(ctx: MutationContext, id: string) {
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
export async function appendCheckIn(
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
