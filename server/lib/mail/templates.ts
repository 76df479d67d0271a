/** The mails the server sends, in the reader's language. Plain text first; the HTML carries the same words. */

import { html } from './html.ts'

import type { Locale } from '../../../shared/schemas/common.ts'

/** An image attached to the mail and shown in its HTML part (`cid:`), with its text alternative. */
export interface InlineImage {
  cid: string
  alt: string
}

function layout(
  locale: Locale,
  paragraphs: string[],
  action: { label: string; url: string },
  image?: InlineImage,
): string {
  const picture = image
    ? html`<p>
        <img src="cid:${image.cid}" alt="${image.alt}" width="240" height="240" style="image-rendering:pixelated" />
      </p>`
    : ''
  return html`<!doctype html>
    <html lang="${locale}">
      <body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f24">
        ${paragraphs.map(
          (p, i) =>
            html`${i ? '\n' : ''}
              <p>${p}</p>`,
        )}${picture}
        <p>
          <a
            href="${action.url}"
            style="display:inline-block;padding:12px 20px;background:#1d3557;color:#fff;border-radius:999px;text-decoration:none"
            >${action.label}</a
          >
        </p>
      </body>
    </html>`.toString()
}

/** A mail from its lines and one button: the plain-text part and the HTML part carry the same words. */
function compose(
  locale: Locale,
  subject: string,
  lines: string[],
  action: { label: string; url: string },
  image?: InlineImage,
): { subject: string; text: string; html: string } {
  return {
    subject,
    text: `${lines.join('\n\n')}\n\n${action.label}: ${action.url}\n`,
    html: layout(locale, lines, action, image),
  }
}

const SIGN_IN = {
  nb: {
    subject: 'Logg inn i Alumninettverk',
    lines: (code: string) => [
      `Trykk på knappen for å logge inn. Du kan også skrive inn koden ${code} i appen.`,
      'Lenken og koden virker i 15 minutter og kan brukes én gang. Ba du ikke om dette, kan du se bort fra e-posten.',
    ],
    action: 'Logg inn',
  },
  nn: {
    subject: 'Logg inn i Alumninettverk',
    lines: (code: string) => [
      `Trykk på knappen for å logge inn. Du kan også skrive inn koden ${code} i appen.`,
      'Lenkja og koden verkar i 15 minutt og kan brukast éin gong. Bad du ikkje om dette, kan du sjå bort frå e-posten.',
    ],
    action: 'Logg inn',
  },
  en: {
    subject: 'Sign in to Alumni networks',
    lines: (code: string) => [
      `Tap the button to sign in. You can also type the code ${code} in the app.`,
      'The link and the code work for 15 minutes and only once. If you did not ask for this, ignore this e-mail.',
    ],
    action: 'Sign in',
  },
} as const

/** The sign-in mail: a single-use link and the same login as a 6-digit code (for when the link opens in another browser). */
export function signInMail(
  locale: Locale,
  link: string,
  code: string,
): { subject: string; text: string; html: string } {
  const t = SIGN_IN[locale]
  return compose(locale, t.subject, [...t.lines(code)], { label: t.action, url: link })
}

const INVITE = {
  nb: {
    subject: (network: string) => `Du er invitert til ${network}`,
    lines: (network: string, days: number) => [
      `Du er invitert til å bli med i ${network}, alumninettverket for tidligere studenter.`,
      `Trykk på knappen for å logge inn og bli medlem. Invitasjonen gjelder i ${days} dager.`,
    ],
    action: 'Bli med',
  },
  nn: {
    subject: (network: string) => `Du er invitert til ${network}`,
    lines: (network: string, days: number) => [
      `Du er invitert til å bli med i ${network}, alumninettverket for tidlegare studentar.`,
      `Trykk på knappen for å logge inn og bli medlem. Invitasjonen gjeld i ${days} dagar.`,
    ],
    action: 'Bli med',
  },
  en: {
    subject: (network: string) => `You are invited to ${network}`,
    lines: (network: string, days: number) => [
      `You are invited to join ${network}, the alumni network for former students.`,
      `Tap the button to sign in and become a member. The invitation is valid for ${days} days.`,
    ],
    action: 'Join',
  },
} as const

/** An invitation to a network: one tap signs the person in and makes them a member. */
export function invitationMail(
  locale: Locale,
  networkName: string,
  link: string,
  days: number,
): { subject: string; text: string; html: string } {
  const t = INVITE[locale]
  return compose(locale, t.subject(networkName), t.lines(networkName, days), { label: t.action, url: link })
}

const CONSENT = {
  nb: {
    subject: (network: string) => `Vil du fortsatt være med i ${network}?`,
    lines: (network: string, date: string) => [
      `Du er med i ${network} fordi du nylig ble uteksaminert. Fra ${date} trenger vi ditt samtykke for å beholde deg som medlem.`,
      'Trykk på knappen og velg «Ja, jeg vil fortsatt være med». Gjør du ingenting, blir du meldt ut den dagen, og vi sletter medlemskapet.',
    ],
    action: 'Svar her',
  },
  nn: {
    subject: (network: string) => `Vil du framleis vere med i ${network}?`,
    lines: (network: string, date: string) => [
      `Du er med i ${network} fordi du nyleg vart uteksaminert. Frå ${date} treng vi samtykket ditt for å halde på deg som medlem.`,
      'Trykk på knappen og vel «Ja, eg vil framleis vere med». Gjer du ingenting, blir du meld ut den dagen, og vi slettar medlemskapet.',
    ],
    action: 'Svar her',
  },
  en: {
    subject: (network: string) => `Do you want to stay in ${network}?`,
    lines: (network: string, date: string) => [
      `You are in ${network} because you graduated recently. From ${date} we need your consent to keep you as a member.`,
      'Tap the button and choose "Yes, I want to stay". If you do nothing, you leave the network on that day and the membership is removed.',
    ],
    action: 'Answer here',
  },
} as const

/** Asks a member held on legitimate interest to consent before the basis lapses. */
export function consentRequestMail(
  locale: Locale,
  networkName: string,
  lapseDate: string,
  link: string,
): { subject: string; text: string; html: string } {
  const t = CONSENT[locale]
  return compose(locale, t.subject(networkName), t.lines(networkName, lapseDate), { label: t.action, url: link })
}

const EVENT_NOTICES = {
  nb: {
    registered: {
      subject: (e: string) => `Du er påmeldt: ${e}`,
      lines: (e: string, when: string) => [
        `Du er påmeldt ${e} (${when}).`,
        'Kan du ikke komme likevel, meld deg av i appen, så får en annen plassen.',
      ],
      action: 'Se arrangementet',
    },
    reminder: {
      subject: (e: string) => `I morgen: ${e}`,
      lines: (e: string, when: string) => [
        `Påminnelse: ${e} er i morgen (${when}).`,
        'Ta med billetten, i appen eller i denne e-posten. Kan du ikke komme, meld deg av, så får en annen plassen.',
      ],
      action: 'Se arrangementet',
    },
    promoted: {
      subject: (e: string) => `Du har fått plass på ${e}`,
      lines: (e: string, when: string) => [
        `Noen meldte seg av, og du har fått plassen din fra ventelisten til ${e} (${when}).`,
        'Billetten ligger i appen. Kan du ikke komme likevel, meld deg av, så går plassen videre.',
      ],
      action: 'Se arrangementet',
    },
    eventCancelled: {
      subject: (e: string) => `Avlyst: ${e}`,
      lines: (e: string, when: string) => [
        `${e} (${when}) er dessverre avlyst.`,
        'Billetten din gjelder ikke lenger. Du trenger ikke gjøre noe.',
      ],
      action: 'Se arrangementet',
    },
    eventChanged: {
      subject: (e: string) => `Endret: ${e}`,
      lines: (e: string, when: string) => [
        `Tid eller sted for ${e} er endret. Nå: ${when}.`,
        'Billetten din gjelder fortsatt.',
      ],
      action: 'Se arrangementet',
    },
    cohortInvite: {
      subject: (e: string) => `Invitasjon: ${e}`,
      lines: (e: string, when: string) => [
        `Du er invitert til ${e} (${when}) sammen med kullet ditt.`,
        'Meld deg på i appen.',
      ],
      action: 'Se invitasjonen',
    },
    feedbackRequest: {
      subject: (e: string) => `Hva syntes du om ${e}?`,
      lines: (e: string) => [
        `Takk for at du kom på ${e}.`,
        'Vi vil gjerne høre hva du syntes. Det tar et halvt minutt, og arrangørene ser ikke hvem som har svart hva.',
      ],
      action: 'Gi tilbakemelding',
    },
  },
  nn: {
    registered: {
      subject: (e: string) => `Du er påmeld: ${e}`,
      lines: (e: string, when: string) => [
        `Du er påmeld ${e} (${when}).`,
        'Kan du ikkje kome likevel, meld deg av i appen, så får ein annan plassen.',
      ],
      action: 'Sjå arrangementet',
    },
    reminder: {
      subject: (e: string) => `I morgon: ${e}`,
      lines: (e: string, when: string) => [
        `Påminning: ${e} er i morgon (${when}).`,
        'Ta med billetten, i appen eller i denne e-posten. Kan du ikkje kome, meld deg av, så får ein annan plassen.',
      ],
      action: 'Sjå arrangementet',
    },
    promoted: {
      subject: (e: string) => `Du har fått plass på ${e}`,
      lines: (e: string, when: string) => [
        `Nokon melde seg av, og du har fått plassen din frå ventelista til ${e} (${when}).`,
        'Billetten ligg i appen. Kan du ikkje kome likevel, meld deg av, så går plassen vidare.',
      ],
      action: 'Sjå arrangementet',
    },
    eventCancelled: {
      subject: (e: string) => `Avlyst: ${e}`,
      lines: (e: string, when: string) => [
        `${e} (${when}) er dessverre avlyst.`,
        'Billetten din gjeld ikkje lenger. Du treng ikkje gjere noko.',
      ],
      action: 'Sjå arrangementet',
    },
    eventChanged: {
      subject: (e: string) => `Endra: ${e}`,
      lines: (e: string, when: string) => [
        `Tida eller staden for ${e} er endra. No: ${when}.`,
        'Billetten din gjeld framleis.',
      ],
      action: 'Sjå arrangementet',
    },
    cohortInvite: {
      subject: (e: string) => `Invitasjon: ${e}`,
      lines: (e: string, when: string) => [
        `Du er invitert til ${e} (${when}) saman med kullet ditt.`,
        'Meld deg på i appen.',
      ],
      action: 'Sjå invitasjonen',
    },
    feedbackRequest: {
      subject: (e: string) => `Kva syntest du om ${e}?`,
      lines: (e: string) => [
        `Takk for at du kom på ${e}.`,
        'Vi vil gjerne høyre kva du syntest. Det tek eit halvt minutt, og arrangørane ser ikkje kven som har svart kva.',
      ],
      action: 'Gje tilbakemelding',
    },
  },
  en: {
    registered: {
      subject: (e: string) => `You are registered: ${e}`,
      lines: (e: string, when: string) => [
        `You are registered for ${e} (${when}).`,
        'If you cannot come after all, cancel in the app so someone else gets the place.',
      ],
      action: 'See the event',
    },
    reminder: {
      subject: (e: string) => `Tomorrow: ${e}`,
      lines: (e: string, when: string) => [
        `A reminder: ${e} is tomorrow (${when}).`,
        'Bring your ticket, in the app or in this e-mail. If you cannot come, cancel so someone else gets the place.',
      ],
      action: 'See the event',
    },
    promoted: {
      subject: (e: string) => `You have a place at ${e}`,
      lines: (e: string, when: string) => [
        `Someone cancelled, and you have moved up from the waitlist for ${e} (${when}).`,
        'Your ticket is in the app. If you cannot come after all, cancel so the place goes on.',
      ],
      action: 'See the event',
    },
    eventCancelled: {
      subject: (e: string) => `Cancelled: ${e}`,
      lines: (e: string, when: string) => [
        `${e} (${when}) has been cancelled.`,
        'Your ticket is no longer valid. You need not do anything.',
      ],
      action: 'See the event',
    },
    eventChanged: {
      subject: (e: string) => `Changed: ${e}`,
      lines: (e: string, when: string) => [
        `The time or place of ${e} has changed. Now: ${when}.`,
        'Your ticket is still valid.',
      ],
      action: 'See the event',
    },
    cohortInvite: {
      subject: (e: string) => `Invitation: ${e}`,
      lines: (e: string, when: string) => [
        `You are invited to ${e} (${when}) with your cohort.`,
        'Register in the app.',
      ],
      action: 'See the invitation',
    },
    feedbackRequest: {
      subject: (e: string) => `What did you think of ${e}?`,
      lines: (e: string) => [
        `Thank you for coming to ${e}.`,
        'We would like to hear what you thought. It takes half a minute, and the organisers do not see who said what.',
      ],
      action: 'Give feedback',
    },
  },
} as const

export type EventNoticeKind = keyof typeof EVENT_NOTICES.nb

const TICKET = {
  nb: {
    lines: (code: string) => [
      `Billetten: vis QR-koden ved inngangen, i appen eller i denne e-posten. Uten kamera kan du lese opp koden ${code}.`,
      'Kalenderfilen er vedlagt.',
    ],
    alt: 'QR-kode for billetten',
  },
  nn: {
    lines: (code: string) => [
      `Billetten: vis QR-koden ved inngangen, i appen eller i denne e-posten. Utan kamera kan du lese opp koden ${code}.`,
      'Kalenderfila er vedlagd.',
    ],
    alt: 'QR-kode for billetten',
  },
  en: {
    lines: (code: string) => [
      `Your ticket: show the QR code at the door, in the app or in this e-mail. Without a camera, read out the code ${code}.`,
      'The calendar file is attached.',
    ],
    alt: 'QR code of the ticket',
  },
} as const

/** The ticket in a mail: the signed code as an attached image (`cid`), the short code to read out. */
export interface MailTicket {
  shortCode: string
  imageCid: string
}

/**
 * A notice about one of the reader's events: a registration confirmed, a
 * place from the waitlist, a reminder, a cancellation, a change, a cohort
 * invitation, a request for feedback. With `ticket`, the mail carries it.
 */
export function eventNoticeMail(
  locale: Locale,
  kind: EventNoticeKind,
  eventTitle: string,
  when: string,
  link: string,
  ticket?: MailTicket,
): { subject: string; text: string; html: string } {
  const t = EVENT_NOTICES[locale][kind]
  const lines = [...t.lines(eventTitle, when), ...(ticket ? TICKET[locale].lines(ticket.shortCode) : [])]
  return compose(
    locale,
    t.subject(eventTitle),
    lines,
    { label: t.action, url: link },
    ticket ? { cid: ticket.imageCid, alt: TICKET[locale].alt } : undefined,
  )
}

const MEMBERSHIP_DECISIONS = {
  nb: {
    joinApproved: {
      subject: (n: string) => `Velkommen i ${n}`,
      lines: (n: string) => [
        `Forespørselen din om å bli med i ${n} er godkjent. Du er nå medlem.`,
        'I appen finner du medlemmene, arrangementene og nyhetsbrevene. Du velger selv hva andre kan se om deg.',
      ],
      action: 'Åpne nettverket',
    },
    joinDeclined: {
      subject: (n: string) => `Forespørselen til ${n}`,
      lines: (n: string) => [
        `Forespørselen din om å bli med i ${n} ble ikke godkjent.`,
        'Lurer du på hvorfor, kan du svare nettverket på kontaktadressen som står på siden deres.',
      ],
      action: 'Se nettverket',
    },
  },
  nn: {
    joinApproved: {
      subject: (n: string) => `Velkomen i ${n}`,
      lines: (n: string) => [
        `Førespurnaden din om å bli med i ${n} er godkjend. Du er no medlem.`,
        'I appen finn du medlemmene, arrangementa og nyheitsbreva. Du vel sjølv kva andre kan sjå om deg.',
      ],
      action: 'Opne nettverket',
    },
    joinDeclined: {
      subject: (n: string) => `Førespurnaden til ${n}`,
      lines: (n: string) => [
        `Førespurnaden din om å bli med i ${n} vart ikkje godkjend.`,
        'Lurer du på kvifor, kan du svare nettverket på kontaktadressa som står på sida deira.',
      ],
      action: 'Sjå nettverket',
    },
  },
  en: {
    joinApproved: {
      subject: (n: string) => `Welcome to ${n}`,
      lines: (n: string) => [
        `Your request to join ${n} has been approved. You are now a member.`,
        'In the app you find the members, the events and the newsletters. You decide what others can see about you.',
      ],
      action: 'Open the network',
    },
    joinDeclined: {
      subject: (n: string) => `Your request to ${n}`,
      lines: (n: string) => [
        `Your request to join ${n} was not approved.`,
        'If you wonder why, write to the network at the contact address on its page.',
      ],
      action: 'See the network',
    },
  },
} as const

export type MembershipNoticeKind = keyof typeof MEMBERSHIP_DECISIONS.nb

/** Tells a person how staff decided their join request. */
export function membershipDecisionMail(
  locale: Locale,
  kind: MembershipNoticeKind,
  networkName: string,
  link: string,
): { subject: string; text: string; html: string } {
  const t = MEMBERSHIP_DECISIONS[locale][kind]
  return compose(locale, t.subject(networkName), t.lines(networkName), { label: t.action, url: link })
}
