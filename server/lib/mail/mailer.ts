import type { Locale } from '../../../shared/schemas/common.ts'
import nodemailer from 'nodemailer'
import type { Config } from '../../config.ts'
import type { Db } from '../../db/schema.ts'
import { AppError } from '../problem.ts'

export interface Mail {
  to: string
  subject: string
  text: string
  html: string
  /** Extra headers (List-Unsubscribe and the like). */
  headers?: Record<string, string>
  /** The reader's language, sent as Content-Language. */
  language: Locale
  /** Files sent with it (a ticket's image, shown in the HTML by its `cid`; a calendar file). */
  attachments?: { filename: string; content: Buffer | string; contentType: string; cid?: string }[]
}

/**
 * How many SMTP connections a process keeps open, and so how many mails its
 * queues send at once: one connection per mail (nodemailer's default) held a
 * newsletter to 20 mails a second here. The URL may say otherwise
 * (`?pool=false`, `?maxConnections=2`), as a mail provider's limits ask.
 */
export const MAIL_CONNECTIONS = 4

export interface Mailer {
  send: (mail: Mail) => Promise<void>
  /** Ends open connections to the mail server (on shutdown). */
  close?: () => void
}

/**
 * Real SMTP through nodemailer when SMTP_URL is set. In the demo without it,
 * mail lands in the dev mailbox (a table shown at /dev/mailbox) so the whole
 * sign-in flow can be tried locally. Outside the demo, no SMTP means no mail:
 * the request is refused rather than the mail silently dropped.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'isDemo'>, db: Db): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport({ url: config.smtpUrl, pool: true, maxConnections: MAIL_CONNECTIONS })
    return {
      async send(mail) {
        await transport.sendMail({
          from: config.mailFrom,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: mail.attachments,
          headers: { 'Content-Language': mail.language, ...mail.headers },
        })
      },
      close: () => transport.close(),
    }
  }
  if (config.isDemo) {
    return {
      async send(mail) {
        await db
          .insertInto('mailbox')
          .values({
            toAddress: mail.to,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            createdAt: new Date().toISOString(),
          })
          .execute()
      },
    }
  }
  return {
    send: async () => {
      throw new AppError('unavailable', 'E-mail is not configured on this server')
    },
  }
}
