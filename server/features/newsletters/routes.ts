import { localeOf } from '../../../shared/schemas/common.ts'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { IdSchema } from '../../../shared/schemas/common.ts'
import { requirePerson } from '../session/session.ts'
import { canManageNetwork } from '../session/permissions.ts'
import { newsletterMail } from '../../lib/mail/newsletterMail.ts'
import { toNewsletter } from './changes.ts'
import { unsubscribeByToken } from './send.ts'

const TokenSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) })

/** Newsletters: the mail preview for staff, and the one-click unsubscribe that works without signing in. */
export function newsletterRoutes(deps: Deps) {
  const { db } = deps
  return new Hono<AppEnv>()
    .get(
      '/:id/preview.html',
      describe({ summary: 'A newsletter as its mail will look (staff)', tags: ['newsletters'] }),
      validate('param', z.object({ id: IdSchema })),
      async (c) => {
        const personId = requirePerson(c)
        const row = await db
          .selectFrom('newsletter')
          .innerJoin('network', 'network.id', 'newsletter.networkId')
          .selectAll('newsletter')
          .select('network.name as networkName')
          .where('newsletter.id', '=', c.req.valid('param').id)
          .executeTakeFirst()
        if (!row) throw new AppError('not-found', 'No such newsletter')
        if (!(await canManageNetwork(db, personId, row.networkId)))
          throw new AppError('forbidden', "Only the network's board and staff preview its newsletters")
        const issue = toNewsletter(row, null)
        // The preview shows the mail as it goes out: its links are the mails' own.
        const appUrl = deps.mailUrl()
        // Not yet sent: the events it would list now.
        const events =
          issue.status === 'sent' || !issue.includeEvents
            ? issue.events
            : await db
                .selectFrom('event')
                .select(['id', 'title', 'startsAt', 'place', 'city'])
                .where('networkId', '=', issue.networkId)
                .where('status', '=', 'published')
                .where('startsAt', '>', new Date().toISOString())
                .orderBy('startsAt')
                .limit(8)
                .execute()
        const viewer = await db.selectFrom('person').select('locale').where('id', '=', personId).executeTakeFirst()
        const mail = newsletterMail(localeOf(viewer?.locale), { ...issue, events }, row.networkName, {
          app: appUrl,
          unsubscribe: `${appUrl}/unsubscribe`,
        })
        c.header('content-security-policy', "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'")
        return c.html(mail.html)
      },
    )
    .post(
      '/unsubscribe/:token',
      describe({
        summary: "One-click unsubscribe from a network's newsletters (RFC 8058): the address in the mail is the secret",
        tags: ['newsletters'],
        response: z.object({ network: z.string() }),
      }),
      validate('param', TokenSchema),
      async (c) => {
        const network = await unsubscribeByToken(db, c.req.valid('param').token)
        if (!network)
          throw new AppError('not-found', 'This unsubscribe link is not known (it may be from an older mail)')
        return c.json({ network })
      },
    )
}
