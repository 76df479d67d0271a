import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import type { Db } from '../../server/db/schema.ts'
import { createMailer, type Mailer } from '../../server/lib/mail/mailer.ts'

export interface SmtpCapture {
  url: string
  mails: ParsedMail[]
  /** Resolves with the next mail received (or one already waiting). */
  next: () => Promise<ParsedMail>
  close: () => Promise<void>
}

/** A real SMTP server on localhost that keeps every message it receives, parsed. */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const mails: ParsedMail[] = []
  let taken = 0
  const waiters: (() => void)[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // A sender's pooled connections stay open; closing need not wait for them.
    closeTimeout: 200,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push(mail)
        waiters.splice(0).forEach((w) => w())
        callback()
      }, callback)
    },
  })
  // A sender killed mid-test resets its pooled connections; what it had sent is already captured.
  server.on('error', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.server.address() as { port: number }
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async next() {
      while (mails.length <= taken) await new Promise<void>((resolve) => waiters.push(resolve))
      return mails[taken++]!
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The server's real mailer pointed at the capture server, for tests that run the mail queues' workers themselves. */
export function mailerTo(smtp: SmtpCapture, db: Db): Mailer {
  return createMailer({ smtpUrl: smtp.url, mailFrom: 'test@alumni.example', isDemo: false }, db)
}
