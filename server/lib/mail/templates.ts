/** The mails the server sends, in the reader's language. Plain text first; the HTML carries the same words. */

type Locale = 'nb' | 'en'

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

function layout(locale: Locale, paragraphs: string[], action: { label: string, url: string }): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')
  return `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f24">
${body}
<p><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:12px 20px;background:#1d3557;color:#fff;border-radius:999px;text-decoration:none">${escapeHtml(action.label)}</a></p>
</body></html>`
}

/** A mail from its lines and one button: the plain-text part and the HTML part carry the same words. */
function compose(locale: Locale, subject: string, lines: string[], action: { label: string, url: string }): { subject: string, text: string, html: string } {
  return { subject, text: `${lines.join('\n\n')}\n\n${action.label}: ${action.url}\n`, html: layout(locale, lines, action) }
}

const SIGN_IN = {
  nb: {
    subject: 'Logg inn i Alumninettverk',
    lines: (code: string) => [`Trykk på knappen for å logge inn. Du kan også skrive inn koden ${code} i appen.`, 'Lenken og koden virker i 15 minutter og kan brukes én gang. Ba du ikke om dette, kan du se bort fra e-posten.'],
    action: 'Logg inn',
  },
  en: {
    subject: 'Sign in to Alumni networks',
    lines: (code: string) => [`Tap the button to sign in. You can also type the code ${code} in the app.`, 'The link and the code work for 15 minutes and only once. If you did not ask for this, ignore this e-mail.'],
    action: 'Sign in',
  },
} as const

/** The sign-in mail: a single-use link and the same login as a 6-digit code (for when the link opens in another browser). */
export function signInMail(locale: Locale, link: string, code: string): { subject: string, text: string, html: string } {
  const t = SIGN_IN[locale]
  return compose(locale, t.subject, [...t.lines(code)], { label: t.action, url: link })
}

const INVITE = {
  nb: {
    subject: (network: string) => `Du er invitert til ${network}`,
    lines: (network: string, days: number) => [`Du er invitert til å bli med i ${network}, alumninettverket for tidligere studenter.`, `Trykk på knappen for å logge inn og bli medlem. Invitasjonen gjelder i ${days} dager.`],
    action: 'Bli med',
  },
  en: {
    subject: (network: string) => `You are invited to ${network}`,
    lines: (network: string, days: number) => [`You are invited to join ${network}, the alumni network for former students.`, `Tap the button to sign in and become a member. The invitation is valid for ${days} days.`],
    action: 'Join',
  },
} as const

/** An invitation to a network: one tap signs the person in and makes them a member. */
export function invitationMail(locale: Locale, networkName: string, link: string, days: number): { subject: string, text: string, html: string } {
  const t = INVITE[locale]
  return compose(locale, t.subject(networkName), t.lines(networkName, days), { label: t.action, url: link })
}

const CONSENT = {
  nb: {
    subject: (network: string) => `Vil du fortsatt være med i ${network}?`,
    lines: (network: string, date: string) => [`Du er med i ${network} fordi du nylig ble uteksaminert. Fra ${date} trenger vi ditt samtykke for å beholde deg som medlem.`, 'Trykk på knappen og velg «Ja, jeg vil fortsatt være med». Gjør du ingenting, blir du meldt ut den dagen, og vi sletter medlemskapet.'],
    action: 'Svar her',
  },
  en: {
    subject: (network: string) => `Do you want to stay in ${network}?`,
    lines: (network: string, date: string) => [`You are in ${network} because you graduated recently. From ${date} we need your consent to keep you as a member.`, 'Tap the button and choose "Yes, I want to stay". If you do nothing, you leave the network on that day and the membership is removed.'],
    action: 'Answer here',
  },
} as const

/** Asks a member held on legitimate interest to consent before the basis lapses. */
export function consentRequestMail(locale: Locale, networkName: string, lapseDate: string, link: string): { subject: string, text: string, html: string } {
  const t = CONSENT[locale]
  return compose(locale, t.subject(networkName), t.lines(networkName, lapseDate), { label: t.action, url: link })
}

const EVENT_NOTICES = {
  nb: {
    promoted: { subject: (e: string) => `Du har fått plass på ${e}`, lines: (e: string, when: string) => [`Noen meldte seg av, og du har fått plassen din fra ventelisten til ${e} (${when}).`, 'Billetten ligger i appen. Kan du ikke komme likevel, meld deg av, så går plassen videre.'], action: 'Se arrangementet' },
    eventCancelled: { subject: (e: string) => `Avlyst: ${e}`, lines: (e: string, when: string) => [`${e} (${when}) er dessverre avlyst.`, 'Billetten din gjelder ikke lenger. Du trenger ikke gjøre noe.'], action: 'Se arrangementet' },
    eventChanged: { subject: (e: string) => `Endret: ${e}`, lines: (e: string, when: string) => [`Tid eller sted for ${e} er endret. Nå: ${when}.`, 'Billetten din gjelder fortsatt.'], action: 'Se arrangementet' },
    cohortInvite: { subject: (e: string) => `Invitasjon: ${e}`, lines: (e: string, when: string) => [`Du er invitert til ${e} (${when}) sammen med kullet ditt.`, 'Meld deg på i appen.'], action: 'Se invitasjonen' },
    feedbackRequest: { subject: (e: string) => `Hva syntes du om ${e}?`, lines: (e: string) => [`Takk for at du kom på ${e}.`, 'Vi vil gjerne høre hva du syntes. Det tar et halvt minutt, og arrangørene ser ikke hvem som har svart hva.'], action: 'Gi tilbakemelding' },
  },
  en: {
    promoted: { subject: (e: string) => `You have a place at ${e}`, lines: (e: string, when: string) => [`Someone cancelled, and you have moved up from the waitlist for ${e} (${when}).`, 'Your ticket is in the app. If you cannot come after all, cancel so the place goes on.'], action: 'See the event' },
    eventCancelled: { subject: (e: string) => `Cancelled: ${e}`, lines: (e: string, when: string) => [`${e} (${when}) has been cancelled.`, 'Your ticket is no longer valid. You need not do anything.'], action: 'See the event' },
    eventChanged: { subject: (e: string) => `Changed: ${e}`, lines: (e: string, when: string) => [`The time or place of ${e} has changed. Now: ${when}.`, 'Your ticket is still valid.'], action: 'See the event' },
    cohortInvite: { subject: (e: string) => `Invitation: ${e}`, lines: (e: string, when: string) => [`You are invited to ${e} (${when}) with your cohort.`, 'Register in the app.'], action: 'See the invitation' },
    feedbackRequest: { subject: (e: string) => `What did you think of ${e}?`, lines: (e: string) => [`Thank you for coming to ${e}.`, 'We would like to hear what you thought. It takes half a minute, and the organisers do not see who said what.'], action: 'Give feedback' },
  },
} as const

export type EventNoticeKind = keyof typeof EVENT_NOTICES.nb

/** A notice about one of the reader's events: a place from the waitlist, a cancellation, a change, a cohort invitation, a request for feedback. */
export function eventNoticeMail(locale: Locale, kind: EventNoticeKind, eventTitle: string, when: string, link: string): { subject: string, text: string, html: string } {
  const t = EVENT_NOTICES[locale][kind]
  return compose(locale, t.subject(eventTitle), t.lines(eventTitle, when), { label: t.action, url: link })
}
