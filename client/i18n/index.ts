import { createI18n } from 'vue-i18n'
import bokmalHead from 'virtual:messages/nb/head'
// A type only: the whole of bokmål is not in this chunk.
import type nbMessages from './nb.json'
import type { Locale } from '../../shared/schemas/common.ts'

export type { Locale }
/** The app's languages in the picker's order (the type is the shared schema's, so they cannot drift). */
export const LOCALES = ['nb', 'nn', 'en'] as const satisfies readonly Locale[]
const STORAGE_KEY = 'locale'

/**
 * The language the person chose, else the first of the phone's languages the
 * app speaks: `nn` (and `nn-NO`) is nynorsk; `nb` and the plain `no` bokmål
 * (a phone set to "Norsk" says `no` or `nb`); English; bokmål otherwise.
 */
export function initialLocale(
  saved: string | null = localStorage.getItem(STORAGE_KEY),
  languages: readonly string[] = navigator.languages,
): Locale {
  if (saved === 'nb' || saved === 'nn' || saved === 'en') return saved
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0]
    if (primary === 'nn') return 'nn'
    if (primary === 'nb' || primary === 'no') return 'nb'
    if (primary === 'en') return 'en'
  }
  return 'nb'
}

type Messages = typeof nbMessages

// What the first route shows of bokmål (the default and the fallback) is in its bundle; the rest of
// bokmål, nynorsk and English are chunks of their own, loaded when used (all precached for offline).
export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: 'nb',
  fallbackLocale: 'nb',
  // The head is a part of the messages' tree; the rest is merged in before any other route renders.
  messages: { nb: bokmalHead as Messages } as Record<Locale, Messages>,
})

let bokmalRest: Promise<void> | null = null
/** The rest of bokmål, fetched once. */
function loadBokmalRest(): Promise<void> {
  bokmalRest ??= import('virtual:messages/nb/rest').then((m) => i18n.global.mergeLocaleMessage('nb', m.default))
  return bokmalRest
}

/** Makes a language's messages available, fetching them the first time. */
async function loadMessages(locale: Locale): Promise<void> {
  if (locale === 'nb') return loadBokmalRest()
  if (i18n.global.availableLocales.includes(locale)) return
  const messages = locale === 'nn' ? await import('./nn.json') : await import('./en.json')
  i18n.global.setLocaleMessage(locale, messages.default)
}

/** Resolves when every message of the language shown is loaded: routes after the first wait for it. */
export function messagesReady(): Promise<void> {
  return loadMessages(i18n.global.locale.value).catch(() => {})
}

/** Starts in the language the person chose or their browser prefers (call before the app mounts). */
export async function startLocale(): Promise<void> {
  const locale = initialLocale()
  // Bokmål's first-route messages are here already: the rest loads meanwhile, without holding the first paint.
  if (locale === 'nb') void loadBokmalRest().catch(() => {})
  else await loadMessages(locale).catch(() => {})
  if (i18n.global.availableLocales.includes(locale)) i18n.global.locale.value = locale
  document.documentElement.lang = i18n.global.locale.value
}

/** Switches language, remembers it, and tells assistive technology via `<html lang>`. */
export async function setLocale(locale: Locale): Promise<void> {
  await loadMessages(locale)
  i18n.global.locale.value = locale
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}

/** What helpers outside components need from vue-i18n: a key (and named values) in, words out. */
export type Translate = (key: string, named?: Record<string, unknown>) => string
