import { toRaw } from 'vue'
import { createI18n } from 'vue-i18n'
import { joinMessages } from './firstRouteMessages.ts'
import bokmalHead from 'virtual:messages/nb/head'
import nynorskHead from 'virtual:messages/nn/head'
import englishHead from 'virtual:messages/en/head'
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

// What the first route shows is in its bundle in all three languages (about 1 KB each), so the app mounts at
// once in the reader's language; the rest of each language is a chunk of its own (all precached for offline).
const HEADS: Record<Locale, Messages> = { nb: bokmalHead, nn: nynorskHead, en: englishHead } as Record<Locale, Messages>
const RESTS: Record<Locale, () => Promise<{ default: Record<string, unknown> }>> = {
  nb: () => import('virtual:messages/nb/rest'),
  nn: () => import('virtual:messages/nn/rest'),
  en: () => import('virtual:messages/en/rest'),
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: 'nb',
  fallbackLocale: 'nb',
  // Each head is a part of its language's tree; the rest is merged in before any other route renders.
  messages: HEADS,
})

const rests = new Map<Locale, Promise<void>>()
/** Makes all of a language's messages available, fetching the rest of them the first time. */
function loadMessages(locale: Locale): Promise<void> {
  let loading = rests.get(locale)
  if (!loading) {
    loading = RESTS[locale]().then((m) =>
      i18n.global.setLocaleMessage(
        locale,
        joinMessages(toRaw(i18n.global.getLocaleMessage(locale)), m.default as Messages),
      ),
    )
    // A failed fetch (offline before the chunk was cached) may be tried again.
    loading.catch(() => rests.delete(locale))
    rests.set(locale, loading)
  }
  return loading
}

/** Resolves when every message of the language shown is loaded: routes after the first wait for it. */
export function messagesReady(): Promise<void> {
  // Every language has every key (a message test holds them to it), so the fallback's rest is not needed.
  return loadMessages(i18n.global.locale.value).catch(() => {})
}

/** Starts in the language the person chose or their browser prefers (call before the app mounts). */
export function startLocale(): void {
  i18n.global.locale.value = initialLocale()
  document.documentElement.lang = i18n.global.locale.value
  // The first route's messages are here already: the rest loads meanwhile, without holding the first paint.
  void messagesReady()
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
