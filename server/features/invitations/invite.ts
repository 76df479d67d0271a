import type { Locale } from '../../../shared/schemas/common.ts'
import { randomUUID } from 'node:crypto'
import { inviteesOf, readInviteeTable } from '../../../shared/invitees.ts'
import type { Db } from '../../db/schema.ts'
import type { Mailer } from '../../lib/mail/mailer.ts'
import { invitationMail } from '../../lib/mail/templates.ts'
import { EmailSchema } from '../../../shared/schemas/common.ts'
import type { InviteResult } from '../../../shared/schemas/invitation.ts'
import { createInvitationToken } from '../session/emailSignIn.ts'

export const INVITATION_DAYS = 30

interface Invitee {
  line: number
  email: string
  name: string | null
}

/**
 * Reads invitees from CSV text as a spreadsheet exports it (`shared/invitees.ts`:
 * comma, semicolon or tab, BOM or not, a header in any order or none); every
 * line that is not an invitee is reported with its line and why.
 */
export function readInviteesCsv(csv: string): { invitees: Invitee[]; errors: InviteResult['errors'] } {
  const { invitees, errors } = inviteesOf(readInviteeTable(csv))
  return { invitees, errors: errors.map((e) => ({ line: e.line, value: e.value, message: e.reason })) }
}

/**
 * Invites everyone valid, reports every invalid line, and never mails the same
 * person twice: an address with a live invitation or an active membership is
 * counted, not sent to; an expired invitation is renewed and sent again.
 */
export async function inviteToNetwork(
  db: Db,
  mailer: Mailer,
  options: { networkId: string; invitedBy: string; invitees: Invitee[]; baseUrl: string; locale: Locale },
): Promise<InviteResult> {
  const network = await db
    .selectFrom('network')
    .select(['name', 'slug'])
    .where('id', '=', options.networkId)
    .executeTakeFirstOrThrow()
  const result: InviteResult = { sent: 0, alreadyInvited: 0, alreadyMembers: 0, errors: [] }
  const seen = new Set<string>()
  const now = new Date()
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString()
  for (const invitee of options.invitees) {
    const parsed = EmailSchema.safeParse(invitee.email.trim().toLowerCase())
    if (!parsed.success) {
      result.errors.push({ line: invitee.line, value: invitee.email, message: 'badEmail' })
      continue
    }
    const email = parsed.data
    if (seen.has(email)) {
      result.alreadyInvited++
      continue
    }
    seen.add(email)
    const member = await db
      .selectFrom('membership')
      .innerJoin('person', 'person.id', 'membership.personId')
      .select('membership.id')
      .where('person.email', '=', email)
      .where('membership.networkId', '=', options.networkId)
      .where('membership.status', '=', 'active')
      .executeTakeFirst()
    if (member) {
      result.alreadyMembers++
      continue
    }
    const existing = await db
      .selectFrom('invitation')
      .selectAll()
      .where('networkId', '=', options.networkId)
      .where('email', '=', email)
      .executeTakeFirst()
    if (existing && existing.status === 'pending' && existing.expiresAt > now.toISOString()) {
      result.alreadyInvited++
      continue
    }
    const id = existing?.id ?? randomUUID()
    if (existing) {
      await db
        .updateTable('invitation')
        .set({ status: 'pending', expiresAt, name: invitee.name ?? existing.name, invitedBy: options.invitedBy })
        .where('id', '=', id)
        .execute()
    } else {
      await db
        .insertInto('invitation')
        .values({
          id,
          networkId: options.networkId,
          email,
          name: invitee.name,
          status: 'pending',
          invitedBy: options.invitedBy,
          createdAt: now.toISOString(),
          expiresAt,
          lastSentAt: null,
        })
        .execute()
    }
    await sendInvitation(db, mailer, {
      id,
      email,
      expiresAt,
      networkName: network.name,
      slug: network.slug,
      baseUrl: options.baseUrl,
      locale: options.locale,
    })
    result.sent++
  }
  return result
}

/** Mails (or re-mails) an invitation with a fresh single-use link. */
export async function sendInvitation(
  db: Db,
  mailer: Mailer,
  i: {
    id: string
    email: string
    expiresAt: string
    networkName: string
    slug: string
    baseUrl: string
    locale: Locale
  },
): Promise<void> {
  const token = await createInvitationToken(db, {
    email: i.email,
    invitationId: i.id,
    expiresAt: i.expiresAt,
    locale: i.locale,
  })
  const link = `${i.baseUrl}/auth/verify#token=${token}&network=${encodeURIComponent(i.slug)}`
  await mailer.send({
    to: i.email,
    ...invitationMail(i.locale, i.networkName, link, INVITATION_DAYS),
    language: i.locale,
  })
  await db
    .updateTable('invitation')
    .set((eb) => ({ lastSentAt: new Date().toISOString(), sendCount: eb('sendCount', '+', 1) }))
    .where('id', '=', i.id)
    .execute()
}
