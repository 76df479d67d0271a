import { pruneOidcFlows } from './features/session/oidc.ts'
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import type { Config } from './config.ts'
import { openDatabase } from './db/index.ts'
import { migrateToLatest } from './db/migrate.ts'
import { createLogger } from './lib/logger.ts'
import { createApp } from './app.ts'
import { seedIfEmpty } from './db/seed/index.ts'
import { demoMode } from './db/demoMode.ts'
import { pruneTombstones } from './sync/pull.ts'
import { pruneMutationResults } from './sync/push.ts'
import { createChangeHints } from './sync/changeHints.ts'
import { listenForChanges } from './sync/changeNotifications.ts'
import { sendDueNotices } from './features/events/notices.ts'
import { sendDueMembershipNotices } from './features/membership/notices.ts'
import { sendDuePushes } from './features/notifications/sendPushes.ts'
import { vapidKeys } from './features/notifications/vapid.ts'
import { queueReminders } from './features/events/reminders.ts'
import { dispatchDueNewsletters, sendDueNewsletterMails } from './features/newsletters/send.ts'
import { startWorker } from './lib/queue.ts'
import { createMailer } from './lib/mail/mailer.ts'
import { runLawfulBasisJob } from './features/privacy/lawfulBasis.ts'
import { pruneRateLimits } from './lib/rateLimit.ts'

export interface RunningServer {
  port: number
  stop: () => Promise<void>
}

/**
 * Opens the database, migrates it, seeds the demo on an empty one, and listens.
 * `stop()` stops accepting, lets requests in flight finish, then closes the database.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  const logger = createLogger(config.logLevel)
  const { db, kind, close } = openDatabase(config)
  await migrateToLatest(db, kind)
  if (config.isDemo && !config.smtpUrl) {
    const seeded = await seedIfEmpty(db, kind, { members: config.demoMembers })
    if (seeded) logger.log('info', 'demo data loaded', { ...seeded })
  }
  const demo = await demoMode(db, config)
  if (demo.isOn) {
    logger.log(
      'warn',
      'DEMO MODE: anyone can sign in as any account by its address alone and read every mail at /dev/mailbox. Never use this database for real people; set NODE_ENV=production (or DEMO=false) and SMTP_URL for a real deployment.',
    )
  } else if (config.isDemo) {
    logger.log('warn', 'demo mode is off', { reason: demo.reason })
  }
  config = { ...config, isDemo: demo.isOn }
  const mailer = createMailer(config, db)
  // Where links in mails point: PUBLIC_URL, else this server (its real port once it listens).
  let appUrl = config.publicUrl ?? `http://localhost:${config.port}`
  // Daily housekeeping (each step is safe to run on several processes at once).
  const daily = async () => {
    await pruneTombstones(db, config.tombstoneRetentionDays)
    await pruneMutationResults(db, config.tombstoneRetentionDays)
    await pruneRateLimits(db, 86_400_000)
    await pruneOidcFlows(db)
    const lapse = await runLawfulBasisJob(db, mailer, appUrl)
    if (lapse.asked || lapse.ended) logger.log('info', 'lawful basis job', lapse)
  }
  await daily().catch((error: unknown) => logger.log('error', 'daily job failed', { error: String(error) }))
  const pruneTimer = setInterval(() => {
    daily().catch((error: unknown) => logger.log('error', 'daily job failed', { error: String(error) }))
  }, 86_400_000)
  pruneTimer.unref()

  // The queues in the database: mails about events, and pushes. Each process takes its share.
  const vapid = await vapidKeys(db, config)
  const noticeWorker = startWorker(
    async () => {
      await sendDueNotices(db, mailer, appUrl)
      await sendDueMembershipNotices(db, mailer, appUrl)
    },
    (error) => logger.log('error', 'sending notices failed', { error: String(error) }),
  )
  const pushWorker = startWorker(
    () => sendDuePushes(db, vapid, new Date(), config.pushLeaseMs, config.pushHosts),
    (error) => logger.log('error', 'sending pushes failed', { error: String(error) }),
    1000,
  )
  const newsletterWorker = startWorker(
    async () => {
      await dispatchDueNewsletters(db)
      await sendDueNewsletterMails(db, mailer, appUrl)
    },
    (error) => logger.log('error', 'sending newsletters failed', { error: String(error) }),
  )
  const reminderWorker = startWorker(
    () => queueReminders(db),
    (error) => logger.log('error', 'queueing reminders failed', { error: String(error) }),
    60_000,
  )
  const hints = createChangeHints(db, config.hintPollMs ?? (config.databaseUrl ? 5000 : 1000))
  // Several processes on one PostgreSQL: a change committed by any of them wakes the hints of all.
  const changeListener = config.databaseUrl ? await listenForChanges(config.databaseUrl, () => hints.wake()) : null
  const app = createApp({ db, kind, config, logger, hints, mailer, mailUrl: () => appUrl })
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s as Server))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  appUrl = config.publicUrl ?? `http://localhost:${port}`
  logger.log('info', 'listening', { url: `http://localhost:${port}`, database: kind })

  return {
    port,
    stop: async () => {
      clearInterval(pruneTimer)
      noticeWorker.stop()
      pushWorker.stop()
      reminderWorker.stop()
      newsletterWorker.stop()
      // Open event streams would hold the server open; end them, then wait for requests in flight.
      hints.close()
      await changeListener?.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      })
      mailer.close?.()
      await close()
    },
  }
}
