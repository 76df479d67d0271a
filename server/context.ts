import type { Config } from './config.ts'
import type { Db, DatabaseKind } from './db/schema.ts'
import type { Logger } from './lib/logger.ts'
import type { ChangeHints } from './sync/changeHints.ts'
import type { Mailer } from './lib/mail/mailer.ts'

/** What every feature router is built with. */
export interface Deps {
  db: Db
  kind: DatabaseKind
  config: Config
  logger: Logger
  hints: ChangeHints
  mailer: Mailer
  /** Where links in mails point, the same for every mail: PUBLIC_URL, else this server's own address. */
  mailUrl: () => string
}

/** Hono's per-request variables. */
export interface AppEnv {
  Variables: {
    requestId: string
    /** The signed-in person, or null. Set by the session middleware on every request. */
    personId: string | null
    /** The session's token hash (null when signed out): what an event stream is bound to. */
    sessionHash: string | null
  }
}
