import { resolve } from 'node:path'
import { pushHostsFrom } from './features/notifications/endpointPolicy.ts'
import { oidcProvidersFrom, type OidcProviderConfig } from './features/session/oidcConfig.ts'

/** Everything the server reads from the environment, with defaults that run the demo. */
export interface Config {
  port: number
  host: string
  /** `postgres://...` selects PostgreSQL; otherwise the embedded SQLite file below. */
  databaseUrl: string | null
  sqliteFile: string
  /**
   * Demo mode asked for: seed demo data on an empty database and offer the dev sign-in.
   * The server turns it off unless mail is not really sent and the database is the demo's (`server/db/demoMode.ts`).
   */
  isDemo: boolean
  /** Members in the demo seed (about 2,000 by default). */
  demoMembers: number
  /** Where the built client lives; served at `/`. */
  clientDir: string
  /** How long deletions are kept in the change log before a device that has not synced must reset. */
  tombstoneRetentionDays: number
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'
  /** `smtp://user:pass@host:587` (or smtps://): real mail. Unset in the demo: mail goes to the dev mailbox. */
  smtpUrl: string | null
  /** The sender of every mail. */
  mailFrom: string
  /** The address people open the app at (links in mails, passkeys' relying party). Unset: taken from the request. */
  publicUrl: string | null
  /** Session cookies `Secure` with the `__Host-` prefix: when PUBLIC_URL is https, else in production (`SECURE_COOKIES` overrides). */
  secureCookies: boolean
  /**
   * How often the change hints look at the change log while devices listen,
   * in ms. On PostgreSQL, LISTEN/NOTIFY wakes them at once and the poll is a
   * safety net (default 5 s); on SQLite the poll is how they hear (1 s).
   */
  hintPollMs: number | null
  /** VAPID keys for Web Push (base64url); unset, the server makes a pair on first start and keeps it in the database. */
  vapidPublicKey: string | null
  vapidPrivateKey: string | null
  /** Who push services may contact about this server's pushes (`mailto:` or an https address). */
  vapidSubject: string
  /** How long a server process holds a batch of pushes it claimed (ms): after a crash, the rest are sent by then. */
  pushLeaseMs: number
  /** The reverse proxies whose `X-Forwarded-For` is believed (`loopback`, addresses, CIDR ranges); unset: none. */
  trustProxy: string | null
  /** Where the server may send pushes: push services' hosts (`*.notify.windows.com`) or exact origins (`http://127.0.0.1:*`). */
  pushHosts: string[]
  /**
   * How many times the per-account read limits (`server/lib/readLimits.ts`) are
   * multiplied: 1 in use; tests that sign the same demo account in on many
   * devices raise it, and the tests of the limits keep 1.
   */
  readLimitFactor: number
  /** Feide and ID-porten, where configured (see `oidcProvidersFrom`). */
  oidcProviders: OidcProviderConfig[]
}

/** Reads the configuration from `env` (defaults to `process.env`). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? 'data')
  return {
    port: Number(env.PORT ?? 8787),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL?.startsWith('postgres') ? env.DATABASE_URL : null,
    sqliteFile: env.SQLITE_FILE ?? resolve(dataDir, 'alumni.sqlite'),
    isDemo: (env.DEMO ?? (env.NODE_ENV === 'production' || env.SMTP_URL ? 'false' : 'true')) === 'true',
    demoMembers: Number(env.DEMO_MEMBERS ?? 2000),
    clientDir: resolve(env.CLIENT_DIR ?? 'dist'),
    tombstoneRetentionDays: Number(env.TOMBSTONE_RETENTION_DAYS ?? 30),
    logLevel: (env.LOG_LEVEL as Config['logLevel'] | undefined) ?? 'info',
    smtpUrl: env.SMTP_URL ?? null,
    mailFrom: env.MAIL_FROM ?? 'Alumninettverk <no-reply@alumni.example>',
    publicUrl: env.PUBLIC_URL ?? null,
    secureCookies: env.SECURE_COOKIES
      ? env.SECURE_COOKIES === 'true'
      : env.PUBLIC_URL
        ? env.PUBLIC_URL.startsWith('https:')
        : env.NODE_ENV === 'production',
    hintPollMs: env.HINT_POLL_MS ? Number(env.HINT_POLL_MS) : null,
    vapidPublicKey: env.VAPID_PUBLIC_KEY ?? null,
    vapidPrivateKey: env.VAPID_PRIVATE_KEY ?? null,
    vapidSubject: env.VAPID_SUBJECT ?? 'mailto:no-reply@alumni.example',
    pushLeaseMs: Number(env.PUSH_LEASE_MS ?? 30_000),
    pushHosts: pushHostsFrom(env.PUSH_HOSTS),
    trustProxy: env.TRUST_PROXY ?? null,
    readLimitFactor: Number(env.READ_LIMIT_FACTOR ?? 1),
    oidcProviders: oidcProvidersFrom(env),
  }
}
