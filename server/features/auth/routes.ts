import { Hono } from 'hono'
import type { AppEnv, Deps } from '../../context.ts'
import { describe, validate } from '../../lib/validate.ts'
import { AppError } from '../../lib/problem.ts'
import { DevSignInSchema, MeSchema, type Me } from '../../../shared/schemas/session.ts'
import { endSession, startSession } from './session.ts'
import { toProfile } from '../profile/rows.ts'
import type { Membership } from '../../../shared/schemas/person.ts'

async function loadMe(deps: Deps, personId: string | null): Promise<Me> {
  if (!personId) return { profile: null, memberships: [], isDemo: deps.config.isDemo }
  const person = await deps.db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirst()
  const memberships = await deps.db.selectFrom('membership').selectAll().where('personId', '=', personId).execute()
  return { profile: person ? toProfile(person) : null, memberships: memberships as Membership[], isDemo: deps.config.isDemo }
}

/**
 * Who am I, sign-out, and (demo only) a sign-in by e-mail address alone so a
 * person can try the app before real sign-in arrives. Never enabled outside demo mode.
 */
export function authRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/me', describe({ summary: 'The signed-in person and their memberships', tags: ['auth'], response: MeSchema }),
      async (c) => c.json(await loadMe(deps, c.get('personId'))))
    .post('/sign-out', describe({ summary: 'End this session', tags: ['auth'] }),
      async (c) => { await endSession(c, deps); return c.json({ ok: true }) })
    .post('/dev/sign-in', describe({ summary: 'Demo only: sign in by e-mail address', tags: ['auth'], response: MeSchema }),
      validate('json', DevSignInSchema), async (c) => {
        if (!deps.config.isDemo) throw new AppError('not-found')
        const { email } = c.req.valid('json')
        const person = await deps.db.selectFrom('person').select('id').where('email', '=', email.toLowerCase()).executeTakeFirst()
        if (!person) throw new AppError('not-found', 'No demo account has this e-mail address', [{ path: ['body', 'email'], message: 'unknown address' }])
        await startSession(c, deps, person.id)
        return c.json(await loadMe(deps, person.id))
      })
}
