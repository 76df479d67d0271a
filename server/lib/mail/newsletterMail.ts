import type { Newsletter } from '../../../shared/schemas/newsletter.ts'
import { formatInOslo } from '../../../shared/osloTime.ts'
import { html as h, type Html } from './html.ts'

import type { Locale } from '../../../shared/schemas/common.ts'

const WORDS = {
  nb: {
    events: 'Kommende arrangementer',
    unsubscribe: 'Vil du ikke ha nyhetsbrevet fra',
    stop: 'Meld meg av',
    image: 'Bilde',
    readInApp: 'Les i appen',
  },
  nn: {
    events: 'Komande arrangement',
    unsubscribe: 'Vil du ikkje ha nyheitsbrevet frå',
    stop: 'Meld meg av',
    image: 'Bilete',
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
  issue: Pick<Newsletter, 'id' | 'title' | 'blocks' | 'events' | 'language'>,
  networkName: string,
  links: { app: string; unsubscribe: string },
): { subject: string; text: string; html: string } {
  const w = WORDS[locale]
  const text: string[] = [issue.title.toUpperCase()]
  const written: Html[] = [h`<h1 style="font-size:1.5rem">${issue.title}</h1>`]
  for (const block of issue.blocks) {
    if (block.type === 'heading') {
      text.push(`## ${block.text}`)
      written.push(h`<h2 style="font-size:1.2rem">${block.text}</h2>`)
    }
    if (block.type === 'paragraph') {
      text.push(block.text)
      const lines = block.text.split('\n')
      written.push(h`<p>${lines.map((line, i) => (i === 0 ? line : h`<br>${line}`))}</p>`)
    }
    if (block.type === 'link') {
      text.push(`${block.label}: ${block.url}`)
      written.push(h`<p><a href="${block.url}">${block.label}</a></p>`)
    }
    if (block.type === 'image') {
      text.push(`[${w.image}: ${block.alt}]`)
      written.push(h`<p><img src="${block.url}" alt="${block.alt}" style="max-width:100%;height:auto"></p>`)
    }
  }
  // What staff wrote declares its own language (nynorsk is read as nynorsk to anyone); the chrome is the reader's.
  const html: Html[] = [h`<div lang="${issue.language}">\n${written.map((piece) => h`${piece}\n`)}</div>`]
  if (issue.events.length > 0) {
    text.push(
      `## ${w.events}`,
      ...issue.events.map((e) => `- ${e.title}, ${when(locale, e.startsAt)}, ${e.place}: ${links.app}/e/${e.id}`),
    )
    const items = issue.events.map(
      (e) => h`<li><a href="${`${links.app}/e/${e.id}`}">${e.title}</a>, ${when(locale, e.startsAt)}, ${e.place}</li>`,
    )
    html.push(h`<h2 style="font-size:1.2rem">${w.events}</h2><ul>${items}</ul>`)
  }
  text.push(
    `${w.readInApp}: ${links.app}/nl/${issue.id}`,
    `${w.unsubscribe} ${networkName}? ${w.stop}: ${links.unsubscribe}`,
  )
  html.push(
    h`<p><a href="${`${links.app}/nl/${issue.id}`}">${w.readInApp}</a></p>`,
    h`<hr><p style="font-size:0.85rem;color:#555">${`${w.unsubscribe} ${networkName}?`} <a href="${links.unsubscribe}">${w.stop}</a></p>`,
  )
  return {
    subject: issue.title,
    text: `${text.join('\n\n')}\n`,
    html: h`<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f24;max-width:40rem">
${html.map((piece) => h`${piece}\n`)}</body></html>`.toString(),
  }
}
