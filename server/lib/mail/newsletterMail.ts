import type { Newsletter } from '../../../shared/schemas/newsletter.ts'
import { formatInOslo } from '../../../shared/osloTime.ts'

type Locale = 'nb' | 'en'

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const WORDS = {
  nb: {
    events: 'Kommende arrangementer',
    unsubscribe: 'Vil du ikke ha nyhetsbrevet fra',
    stop: 'Meld meg av',
    image: 'Bilde',
    readInApp: 'Les i appen',
  },
  en: {
    events: 'Upcoming events',
    unsubscribe: 'Do not want the newsletter from',
    stop: 'Unsubscribe',
    image: 'Image',
    readInApp: 'Read in the app',
  },
} as const

function when(locale: Locale, iso: string): string {
  return formatInOslo(iso, locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  })
}

/**
 * A newsletter issue as mail: the plain-text part and the HTML part say the
 * same, from the same blocks (every text escaped), with the upcoming events
 * and a way to unsubscribe at the end.
 */
export function newsletterMail(
  locale: Locale,
  issue: Pick<Newsletter, 'id' | 'title' | 'blocks' | 'events'>,
  networkName: string,
  links: { app: string; unsubscribe: string },
): { subject: string; text: string; html: string } {
  const w = WORDS[locale]
  const text: string[] = [issue.title.toUpperCase()]
  const html: string[] = [`<h1 style="font-size:1.5rem">${escapeHtml(issue.title)}</h1>`]
  for (const block of issue.blocks) {
    if (block.type === 'heading') {
      text.push(`## ${block.text}`)
      html.push(`<h2 style="font-size:1.2rem">${escapeHtml(block.text)}</h2>`)
    }
    if (block.type === 'paragraph') {
      text.push(block.text)
      html.push(`<p>${escapeHtml(block.text).replace(/\n/g, '<br>')}</p>`)
    }
    if (block.type === 'link') {
      text.push(`${block.label}: ${block.url}`)
      html.push(`<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`)
    }
    if (block.type === 'image') {
      text.push(`[${w.image}: ${block.alt}]`)
      html.push(
        `<p><img src="${escapeHtml(block.url)}" alt="${escapeHtml(block.alt)}" style="max-width:100%;height:auto"></p>`,
      )
    }
  }
  if (issue.events.length > 0) {
    text.push(
      `## ${w.events}`,
      ...issue.events.map((e) => `- ${e.title}, ${when(locale, e.startsAt)}, ${e.place}: ${links.app}/e/${e.id}`),
    )
    html.push(
      `<h2 style="font-size:1.2rem">${w.events}</h2><ul>${issue.events.map((e) => `<li><a href="${escapeHtml(`${links.app}/e/${e.id}`)}">${escapeHtml(e.title)}</a>, ${escapeHtml(when(locale, e.startsAt))}, ${escapeHtml(e.place)}</li>`).join('')}</ul>`,
    )
  }
  text.push(
    `${w.readInApp}: ${links.app}/nl/${issue.id}`,
    `${w.unsubscribe} ${networkName}? ${w.stop}: ${links.unsubscribe}`,
  )
  html.push(
    `<p><a href="${escapeHtml(`${links.app}/nl/${issue.id}`)}">${w.readInApp}</a></p>`,
    `<hr><p style="font-size:0.85rem;color:#555">${escapeHtml(`${w.unsubscribe} ${networkName}?`)} <a href="${escapeHtml(links.unsubscribe)}">${w.stop}</a></p>`,
  )
  return {
    subject: issue.title,
    text: `${text.join('\n\n')}\n`,
    html: `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f24;max-width:40rem">\n${html.join('\n')}\n</body></html>`,
  }
}
