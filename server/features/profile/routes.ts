import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { IdSchema } from '../../../shared/schemas/common.ts'
import { requirePerson } from '../session/session.ts'
import { relationTo, visibleFields } from '../directory/entries.ts'
import { toProfile } from './rows.ts'
import { limitRead } from '../../lib/readLimits.ts'

/** A person's profile as the viewer may see it (for links to a profile outside a synced directory). */
export function peopleRoutes({ db, config }: Deps) {
  return new Hono<AppEnv>()
    .get(
      '/:id',
      describe({ summary: "A person's profile, with only the fields the viewer may see", tags: ['people'] }),
      validate('param', z.object({ id: IdSchema })),
      async (c) => {
        const viewerId = requirePerson(c)
        const { id } = c.req.valid('param')
        // Counted before the lookup, so guessing ids costs as much as reading real ones.
        await limitRead(db, viewerId, 'profile', { factor: config.readLimitFactor })
        const row = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst()
        if (!row) throw new AppError('not-found', 'No such person')
        const relation = await relationTo(db, viewerId, id)
        const view = visibleFields(toProfile(row), relation)
        if (relation === 'staff')
          await db
            .insertInto('auditLog')
            .values({
              at: new Date().toISOString(),
              actorId: viewerId,
              action: 'profile.view',
              subjectId: id,
              networkId: null,
            })
            .execute()
        // Someone who shows nothing to the viewer is not found, rather than a bare name.
        if (relation === 'signedIn' && Object.keys(view).length <= 2) throw new AppError('not-found', 'No such person')
        return c.json(view)
      },
    )
    .get(
      '/:id/photo',
      describe({ summary: "A person's photo (JPEG), if they show it to the viewer", tags: ['people'] }),
      validate('param', z.object({ id: IdSchema })),
      async (c) => {
        const viewerId = requirePerson(c)
        const { id } = c.req.valid('param')
        await limitRead(db, viewerId, 'photo', { factor: config.readLimitFactor })
        const row = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst()
        const view = row ? visibleFields(toProfile(row), await relationTo(db, viewerId, id)) : null
        if (!row?.photoJpeg || !view?.photo) throw new AppError('not-found', 'No photo')
        // Versioned URLs (?v=) never change content: cache for a year, in this browser only.
        return c.body(Buffer.from(row.photoJpeg, 'base64'), 200, {
          'content-type': 'image/jpeg',
          'cache-control': 'private, max-age=31536000, immutable',
        })
      },
    )
}
