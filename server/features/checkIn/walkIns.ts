import { randomUUID } from 'node:crypto'
import type { Db } from '../../db/schema.ts'
import type { MutationContext } from '../../sync/mutationContext.ts'
import type { MutationArgs } from '../../../shared/sync/mutations.ts'
import type { PendingWalkIn } from '../../../shared/schemas/checkIn.ts'
import { AppError } from '../../lib/problem.ts'
import { registrationId as registrationIdOf } from '../../../shared/ids.ts'
import { recordCheckInChanges } from './attendees.ts'
import { appendCheckIn, classifyScans, lockedRegistration, mayRunDoor } from './ledger.ts'
import { recordEventChange } from '../events/changes.ts'
import { recordRegistrationChange } from '../events/registrations.ts'

/**
 * A walk-in's entry: a guest under the name staff typed, who cannot sign in
 * (an address under `.invalid`, which no mail reaches) and whom no directory
 * lists. Staff never learn whose account an address belongs to, and nobody
 * gets an account they never signed in to. The typed address waits beside it
 * until its owner says whether it was them.
 */
export async function createWalkInGuest(
  ctx: MutationContext,
  walkIn: { id: string; eventId: string; name: string; email: string },
): Promise<string> {
  const id = `p-${randomUUID()}`
  await ctx.trx
    .insertInto('person')
    .values({
      id,
      email: `guest-${randomUUID()}@walk-in.invalid`,
      name: walkIn.name,
      isGuest: 1,
      graduationYear: null,
      programme: null,
      employer: null,
      title: null,
      city: null,
      linkedinUrl: null,
      bio: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .execute()
  await ctx.trx
    .insertInto('walkIn')
    .values({
      id: walkIn.id,
      eventId: walkIn.eventId,
      guestPersonId: id,
      name: walkIn.name,
      email: walkIn.email.toLowerCase(),
      operatorId: ctx.personId,
      createdAt: ctx.now,
      decidedAt: null,
      decision: null,
    })
    .execute()
  return id
}

/** The walk-ins under the signed-in person's address that they have not answered yet. */
export async function pendingWalkIns(db: Db, personId: string): Promise<PendingWalkIn[]> {
  const person = await db.selectFrom('person').select('email').where('id', '=', personId).executeTakeFirstOrThrow()
  return db
    .selectFrom('walkIn')
    .innerJoin('event', 'event.id', 'walkIn.eventId')
    .innerJoin('network', 'network.id', 'event.networkId')
    .select([
      'walkIn.id',
      'walkIn.name',
      'walkIn.createdAt',
      'event.id as eventId',
      'event.title as eventTitle',
      'event.startsAt',
      'network.name as networkName',
    ])
    .where('walkIn.email', '=', person.email)
    .where('walkIn.decidedAt', 'is', null)
    .orderBy('walkIn.createdAt', 'desc')
    .execute()
}

/**
 * The owner of the address a walk-in was registered under answers: it was
 * me (the place and the check-in move to their account, the guest entry
 * goes) or it was not (the guest entry stays as staff typed it). Only the
 * person who proved the address by signing in with it can answer.
 */
export async function decideWalkIn(
  ctx: MutationContext,
  { walkInId, isMine }: MutationArgs<'walkIn.decide'>,
): Promise<void> {
  const person = await ctx.trx
    .selectFrom('person')
    .select('email')
    .where('id', '=', ctx.personId)
    .executeTakeFirstOrThrow()
  const walkIn = await ctx.trx.selectFrom('walkIn').selectAll().where('id', '=', walkInId).executeTakeFirst()
  if (!walkIn || walkIn.email !== person.email)
    throw new AppError('not-found', 'No walk-in under your address', [
      { path: ['args', 'walkInId'], message: 'not yours' },
    ])
  if (walkIn.decidedAt) return
  await ctx.trx
    .updateTable('walkIn')
    .set({ decidedAt: ctx.now, decision: isMine ? 'mine' : 'notMine' })
    .where('id', '=', walkInId)
    .execute()
  if (!isMine || !walkIn.guestPersonId) return

  const guestId = registrationIdOf(walkIn.eventId, walkIn.guestPersonId)
  const ownId = registrationIdOf(walkIn.eventId, ctx.personId)
  const guest = await ctx.trx.selectFrom('registration').selectAll().where('id', '=', guestId).executeTakeFirst()
  const own = await ctx.trx.selectFrom('registration').selectAll().where('id', '=', ownId).executeTakeFirst()
  const counts = await ctx.trx
    .selectFrom('event')
    .select(['registeredCount', 'waitlistCount'])
    .where('id', '=', walkIn.eventId)
    .executeTakeFirstOrThrow()
  if (guest?.status === 'registered') {
    if (!own) {
      await ctx.trx
        .insertInto('registration')
        .values({
          id: ownId,
          eventId: walkIn.eventId,
          personId: ctx.personId,
          status: 'registered',
          createdAt: guest.createdAt,
          answers: guest.answers,
          promotedAt: null,
        })
        .execute()
    } else if (own.status === 'registered') {
      // Two places held for one person: the guest's goes back.
      await ctx.trx
        .updateTable('event')
        .set({ registeredCount: counts.registeredCount - 1 })
        .where('id', '=', walkIn.eventId)
        .execute()
    } else {
      await ctx.trx
        .updateTable('registration')
        .set((eb) => ({
          status: 'registered',
          ticketSerial: eb('ticketSerial', '+', own.status === 'cancelled' ? 1 : 0),
        }))
        .where('id', '=', ownId)
        .execute()
      if (own.status === 'waitlisted')
        await ctx.trx
          .updateTable('event')
          .set({ waitlistCount: counts.waitlistCount - 1 })
          .where('id', '=', walkIn.eventId)
          .execute()
    }
  }
  const moved = await ctx.trx.selectFrom('checkIn').select('id').where('registrationId', '=', guestId).execute()
  await ctx.trx.updateTable('checkIn').set({ registrationId: ownId }).where('registrationId', '=', guestId).execute()
  await ctx.trx.deleteFrom('registration').where('id', '=', guestId).execute()
  await ctx.trx.deleteFrom('person').where('id', '=', walkIn.guestPersonId).execute()
  await ctx.changes.put('attendee', guestId, {})
  const reclassified = await classifyScans(ctx, ownId)
  await recordCheckInChanges(ctx, [...new Set([...moved.map((m) => m.id), ...reclassified])])
  if (await ctx.trx.selectFrom('registration').select('id').where('id', '=', ownId).executeTakeFirst())
    await recordRegistrationChange(ctx, ownId)
  await recordEventChange(ctx, walkIn.eventId)
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
