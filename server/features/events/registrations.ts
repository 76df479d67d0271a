import { randomUUID } from 'node:crypto'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import { AppError } from '../../lib/problem.ts'
import type { ChangeTx } from '../../sync/changeLog.ts'
import { userScope } from '../../../shared/sync/scopes.ts'
import { networkRoleOf } from '../session/permissions.ts'
import { toEvent, toRegistration } from './rows.ts'
import { recordEventChange } from './changes.ts'
import { recordAttendeeChange } from '../checkIn/attendees.ts'
import { queueNotices } from './notices.ts'
import { registrationId } from '../../../shared/ids.ts'
import { signTicket } from './tickets.ts'

/** What registering needs: a mutation's context, or an erasure's transaction acting for the person. */
interface MutationContext extends ChangeTx {
  personId: string
  now: string
}

/**
 * The event, locked for this transaction: registrations and cancellations of
 * one event take turns, so 50 people racing for 10 places leave exactly 10
 * registered. SQLite runs one write transaction at a time already.
 */
async function lockedEvent(ctx: MutationContext, eventId: string) {
  const query = ctx.trx.selectFrom('event').selectAll().where('id', '=', eventId)
  const row = await ctx.forUpdate(query).executeTakeFirst()
  if (!row) throw new AppError('not-found', 'This event no longer exists')
  return row
}

/**
 * Sends a registration to its person's devices, with a freshly signed ticket
 * while they hold a place: valid from a day before the event until six hours
 * after it, for this serial only. Call after any change to the registration
 * or to the event's times.
 */
export async function recordRegistrationChange(ctx: MutationContext, id: string): Promise<void> {
  const row = await ctx.trx.selectFrom('registration').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  let ticket: string | null = null
  if (row.status === 'registered') {
    const ticketId = row.ticketId ?? randomUUID()
    if (!row.ticketId) await ctx.trx.updateTable('registration').set({ ticketId }).where('id', '=', id).execute()
    ticket = await signTicket(ctx.trx, { ...row, ticketId })
  }
  const admitted = await ctx.trx
    .selectFrom('checkIn')
    .select('correctedAt')
    .where('registrationId', '=', id)
    .where('verdict', '=', 'admitted')
    .executeTakeFirst()
  const feedback = await ctx.trx
    .selectFrom('feedback')
    .select('createdAt')
    .where('eventId', '=', row.eventId)
    .where('personId', '=', row.personId)
    .executeTakeFirst()
  const registration = {
    ...toRegistration(row, ticket),
    checkedInAt: admitted?.correctedAt ?? null,
    feedbackAt: feedback?.createdAt ?? null,
  }
  await ctx.changes.put('registration', id, { [userScope(row.personId)]: registration })
  await recordAttendeeChange(ctx, id)
}

/** Whether the person is among those the event is for: members, members and current students, or anyone. */
async function mayRegister(ctx: MutationContext, event: { networkId: string; audience: string }): Promise<boolean> {
  if (event.audience === 'open') return true
  if ((await networkRoleOf(ctx.trx, ctx.personId, event.networkId)) !== null) return true
  if (event.audience !== 'membersAndStudents') return false
  const institution = await ctx.trx
    .selectFrom('network')
    .innerJoin('faculty', 'faculty.id', 'network.facultyId')
    .select('faculty.institutionId')
    .where('network.id', '=', event.networkId)
    .executeTakeFirstOrThrow()
  const studying = await ctx.trx
    .selectFrom('education')
    .select('id')
    .where('personId', '=', ctx.personId)
    .where('institutionId', '=', institution.institutionId)
    .where('status', '=', 'student')
    .executeTakeFirst()
  return studying !== undefined
}

/**
 * Registers for an event, or puts the person on its waitlist when it is full.
 * Registering again while registered only updates the answers. Refused with
 * the reason when the event is not open for registration or not for them.
 */
export async function registerForEvent(
  ctx: MutationContext,
  { eventId, answers }: MutationArgs<'registration.register'>,
): Promise<void> {
  const event = toEvent(await lockedEvent(ctx, eventId))
  if (event.status !== 'published')
    throw new AppError(
      'conflict',
      event.status === 'cancelled' ? 'This event has been cancelled' : 'This event is not open for registration',
    )
  if (event.registrationOpensAt && ctx.now < event.registrationOpensAt)
    throw new AppError('conflict', 'Registration has not opened yet')
  if (ctx.now >= (event.registrationClosesAt ?? event.startsAt))
    throw new AppError('conflict', 'Registration has closed')
  if (!(await mayRegister(ctx, event))) throw new AppError('forbidden', 'This event is for members of the network only')
  const unknown = Object.keys(answers).filter((id) => !event.questions.some((q) => q.id === id))
  if (unknown.length > 0)
    throw new AppError(
      'validation',
      "Answer only the event's questions",
      unknown.map((id) => ({ path: ['args', 'answers', id], message: 'no such question' })),
    )
  const missing = event.questions.filter((q) => q.isRequired && !answers[q.id]?.trim())
  if (missing.length > 0)
    throw new AppError(
      'validation',
      'Answer every required question',
      missing.map((q) => ({ path: ['args', 'answers', q.id], message: 'required' })),
    )

  const id = registrationId(eventId, ctx.personId)
  const existing = await ctx.trx.selectFrom('registration').select('status').where('id', '=', id).executeTakeFirst()
  const isActive = existing?.status === 'registered' || existing?.status === 'waitlisted'
  if (isActive) {
    await ctx.trx
      .updateTable('registration')
      .set({ answers: JSON.stringify(answers) })
      .where('id', '=', id)
      .execute()
  } else {
    const hasPlace = event.capacity === null || event.registeredCount < event.capacity
    const status = hasPlace ? 'registered' : 'waitlisted'
    const row = { status, createdAt: ctx.now, answers: JSON.stringify(answers), promotedAt: null }
    if (existing)
      await ctx.trx
        .updateTable('registration')
        .set((eb) => ({ ...row, ticketSerial: eb('ticketSerial', '+', 1) }))
        .where('id', '=', id)
        .execute()
    else
      await ctx.trx
        .insertInto('registration')
        .values({ id, eventId, personId: ctx.personId, ...row })
        .execute()
    await ctx.trx
      .updateTable('event')
      .set(hasPlace ? { registeredCount: event.registeredCount + 1 } : { waitlistCount: event.waitlistCount + 1 })
      .where('id', '=', eventId)
      .execute()
    await recordEventChange(ctx, eventId)
    // A confirmation with the ticket and the calendar file, mailed after this commits.
    if (hasPlace) await queueNotices(ctx.trx, 'registered', eventId, [ctx.personId], ctx.now)
  }
  await recordRegistrationChange(ctx, id)
}

/**
 * Cancels the person's registration. A place that frees goes at once to the
 * first on the waitlist, whose devices hear of it at their next sync.
 */
export async function cancelRegistration(
  ctx: MutationContext,
  { eventId }: MutationArgs<'registration.cancel'>,
): Promise<void> {
  const event = await lockedEvent(ctx, eventId)
  const id = registrationId(eventId, ctx.personId)
  const existing = await ctx.trx.selectFrom('registration').select('status').where('id', '=', id).executeTakeFirst()
  if (!existing || existing.status === 'cancelled') return
  // The old ticket is revoked: its serial is no longer the registration's.
  await ctx.trx
    .updateTable('registration')
    .set((eb) => ({ status: 'cancelled', ticketSerial: eb('ticketSerial', '+', 1) }))
    .where('id', '=', id)
    .execute()
  const counts =
    existing.status === 'waitlisted'
      ? { waitlistCount: event.waitlistCount - 1 }
      : { registeredCount: event.registeredCount - 1 }
  await ctx.trx.updateTable('event').set(counts).where('id', '=', eventId).execute()
  await promoteFromWaitlist(ctx, eventId)
  await recordEventChange(ctx, eventId)
  await recordRegistrationChange(ctx, id)
}

/**
 * Moves people up from the waitlist, first come first served, while the
 * published event has free places (after a cancellation, or more places).
 * Each promoted person's devices hear of it at their next sync, and a mail
 * notice is queued.
 */
export async function promoteFromWaitlist(ctx: MutationContext, eventId: string): Promise<void> {
  const event = await ctx.trx
    .selectFrom('event')
    .select(['status', 'capacity', 'registeredCount', 'waitlistCount'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow()
  if (event.status !== 'published' || event.waitlistCount === 0) return
  const free = event.capacity === null ? event.waitlistCount : event.capacity - event.registeredCount
  if (free <= 0) return
  const next = await ctx.trx
    .selectFrom('registration')
    .select(['id', 'personId'])
    .where('eventId', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('createdAt')
    .orderBy('id')
    .limit(free)
    .execute()
  for (const { id } of next) {
    await ctx.trx
      .updateTable('registration')
      .set({ status: 'registered', promotedAt: ctx.now })
      .where('id', '=', id)
      .execute()
    await recordRegistrationChange(ctx, id)
  }
  // Each promoted person also hears by mail, sent after this commits.
  await queueNotices(
    ctx.trx,
    'promoted',
    eventId,
    next.map((r) => r.personId),
    ctx.now,
  )
  await ctx.trx
    .updateTable('event')
    .set({ registeredCount: event.registeredCount + next.length, waitlistCount: event.waitlistCount - next.length })
    .where('id', '=', eventId)
    .execute()
}
