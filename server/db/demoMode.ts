import type { Config } from '../config.ts'
import type { Db } from './schema.ts'

/** The `meta` key the demo seed writes into the database it fills. */
export const DEMO_MARK = 'demo_seeded'

export interface DemoMode {
  /** Whether the password-less demo routes (sign-in by address, the dev mailbox) are open. */
  isOn: boolean
  /** Why not, when demo mode was asked for but stays off. */
  reason: string | null
}

/**
 * Fails closed: the demo's sign-in by address alone is open only when demo
 * mode is asked for, no real mail is sent (with SMTP, a code reaches the
 * person, so nobody needs the shortcut), and the database is one the demo
 * seed created. A real deployment that forgot `NODE_ENV=production` keeps
 * its accounts safe.
 */
export async function demoMode(db: Db, config: Pick<Config, 'isDemo' | 'smtpUrl'>): Promise<DemoMode> {
  if (!config.isDemo) return { isOn: false, reason: null }
  if (config.smtpUrl) return { isOn: false, reason: 'SMTP_URL is set: mail is really sent' }
  const mark = await db.selectFrom('meta').select('value').where('key', '=', DEMO_MARK).executeTakeFirst()
  if (!mark) return { isOn: false, reason: 'this database was not created by the demo seed' }
  return { isOn: true, reason: null }
}
