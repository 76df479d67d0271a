import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { IdSchema } from '../../../shared/schemas/common.ts'
import { InvitationSchema, InviteRequestSchema, InviteResultSchema } from '../../../shared/schemas/invitation.ts'
import { LocaleSchema } from '../../../shared/schemas/common.ts'
import { requirePerson } from '../session/session.ts'
import { canManageNetwork, isInstitutionStaff } from '../session/permissions.ts'
import { INVITATION_DAYS, inviteToNetwork, readInviteesCsv, sendInvitation } from './invite.ts'

const NetworkParam = z.object({ networkId: IdSchema })

/**
 * Refuses anyone but those who run the network; with `orInstitutionStaff`,
 * the institution's alumni office or registry too (they invite the graduates
 * of their list who have no account yet).
 */
async function requireManager(
  deps: Deps,
  personId: string,
  networkId: string,
  options: { orInstitutionStaff?: boolean } = {},
): Promise<void> {
  const network = await deps.db
    .selectFrom('network')
    .innerJoin('faculty', 'faculty.id', 'network.facultyId')
    .select(['network.id', 'faculty.institutionId'])
    .where('network.id', '=', networkId)
    .executeTakeFirst()
  if (!network) throw new AppError('not-found', 'No such network')
  if (await canManageNetwork(deps.db, personId, networkId)) return
  if (options.orInstitutionStaff && (await isInstitutionStaff(deps.db, personId, network.institutionId))) return
  throw new AppError('forbidden', "Only the network's staff and board invite")
}

/** Staff invite people to their network: one address, a list, or a CSV file. */
export function invitationRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get(
      '/:networkId/invitations',
      describe({
        summary: "The network's invitations (staff)",
        tags: ['invitations'],
        response: z.array(InvitationSchema),
      }),
      validate('param', NetworkParam),
      async (c) => {
        const { networkId } = c.req.valid('param')
        await requireManager(deps, requirePerson(c), networkId)
        const rows = await deps.db
          .selectFrom('invitation')
          .select(['id', 'email', 'name', 'status', 'createdAt', 'expiresAt', 'sendCount', 'lastSentAt'])
          .where('networkId', '=', networkId)
          .orderBy('createdAt', 'desc')
          .execute()
        const now = new Date().toISOString()
        return c.json(
          rows.map((r) => ({
            ...r,
            status: (r.status === 'pending' && r.expiresAt <= now ? 'expired' : r.status) as
              'pending' | 'accepted' | 'expired',
          })),
        )
      },
    )
    .post(
      '/:networkId/invitations',
      describe({
        summary: 'Invite addresses or a CSV of them; invalid lines are reported, duplicates skipped',
        tags: ['invitations'],
        response: InviteResultSchema,
      }),
      validate('param', NetworkParam),
      validate('query', z.object({ locale: LocaleSchema.default('nb') })),
      validate('json', InviteRequestSchema),
      async (c) => {
        const personId = requirePerson(c)
        const { networkId } = c.req.valid('param')
        await requireManager(deps, personId, networkId, { orInstitutionStaff: true })
        const body = c.req.valid('json')
        let read: ReturnType<typeof readInviteesCsv>
        try {
          read =
            body.csv !== undefined
              ? readInviteesCsv(body.csv)
              : {
                  invitees: body.invitees!.map((i, n) => ({ line: n + 1, email: i.email, name: i.name ?? null })),
                  errors: [],
                }
        } catch (error) {
          throw new AppError('validation', `The CSV could not be read: ${(error as Error).message}`, [
            { path: ['body', 'csv'], message: 'unreadable CSV' },
          ])
        }
        const result = await inviteToNetwork(deps.db, deps.mailer, {
          networkId,
          invitedBy: personId,
          invitees: read.invitees,
          baseUrl: deps.mailUrl(),
          locale: c.req.valid('query').locale,
        })
        result.errors.unshift(...read.errors)
        await deps.db
          .insertInto('auditLog')
          .values({
            at: new Date().toISOString(),
            actorId: personId,
            action: 'invitations.send',
            subjectId: null,
            networkId,
            details: JSON.stringify({ sent: result.sent, errors: result.errors.length }),
          })
          .execute()
        return c.json(result)
      },
    )
    .post(
      '/:networkId/invitations/remind',
      describe({
        summary: 'Remind everyone not yet accepted (an invitation reminded in the last day is left alone)',
        tags: ['invitations'],
        response: z.object({ sent: z.int() }),
      }),
      validate('param', NetworkParam),
      validate('query', z.object({ locale: LocaleSchema.default('nb') })),
      async (c) => {
        const personId = requirePerson(c)
        const { networkId } = c.req.valid('param')
        await requireManager(deps, personId, networkId)
        const dayAgo = new Date(Date.now() - 86_400_000).toISOString()
        const due = await deps.db
          .selectFrom('invitation')
          .select(['id', 'email'])
          .where('networkId', '=', networkId)
          .where('status', '!=', 'accepted')
          .where((eb) => eb.or([eb('lastSentAt', 'is', null), eb('lastSentAt', '<', dayAgo)]))
          .execute()
        const network = await deps.db
          .selectFrom('network')
          .select(['name', 'slug'])
          .where('id', '=', networkId)
          .executeTakeFirstOrThrow()
        const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000).toISOString()
        for (const invitation of due) {
          await deps.db
            .updateTable('invitation')
            .set({ status: 'pending', expiresAt })
            .where('id', '=', invitation.id)
            .execute()
          await sendInvitation(deps.db, deps.mailer, {
            ...invitation,
            expiresAt,
            networkName: network.name,
            slug: network.slug,
            baseUrl: deps.mailUrl(),
            locale: c.req.valid('query').locale,
          })
        }
        await deps.db
          .insertInto('auditLog')
          .values({
            at: new Date().toISOString(),
            actorId: personId,
            action: 'invitations.remind',
            subjectId: null,
            networkId,
            details: JSON.stringify({ sent: due.length }),
          })
          .execute()
        return c.json({ sent: due.length })
      },
    )
    .post(
      '/:networkId/invitations/:invitationId/resend',
      describe({ summary: 'Send an invitation again (renewed if it expired)', tags: ['invitations'] }),
      validate('param', NetworkParam.extend({ invitationId: z.string().min(1).max(100) })),
      async (c) => {
        const personId = requirePerson(c)
        const { networkId, invitationId } = c.req.valid('param')
        await requireManager(deps, personId, networkId)
        const invitation = await deps.db
          .selectFrom('invitation')
          .selectAll()
          .where('id', '=', invitationId)
          .where('networkId', '=', networkId)
          .executeTakeFirst()
        if (!invitation) throw new AppError('not-found', 'No such invitation')
        if (invitation.status === 'accepted')
          throw new AppError('conflict', 'This invitation has already been accepted')
        const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString()
        await deps.db
          .updateTable('invitation')
          .set({ status: 'pending', expiresAt })
          .where('id', '=', invitationId)
          .execute()
        const network = await deps.db
          .selectFrom('network')
          .select(['name', 'slug'])
          .where('id', '=', networkId)
          .executeTakeFirstOrThrow()
        await sendInvitation(deps.db, deps.mailer, {
          id: invitationId,
          email: invitation.email,
          expiresAt,
          networkName: network.name,
          slug: network.slug,
          baseUrl: deps.mailUrl(),
          locale: 'nb',
        })
        return c.json({ ok: true })
      },
    )
}
