import { createI18n } from 'vue-i18n'
import nb from './nb.json'

export const LOCALES = ['nb', 'en'] as const
export type Locale = (typeof LOCALES)[number]
const STORAGE_KEY = 'locale'

/** Norwegian bokmål first; English when the person chose it or their browser prefers it. */
function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (saved === 'nb' || saved === 'en') return saved
  const preferred = navigator.languages.find((l) => /^(nb|no|nn|en)\b/.test(l))
  return preferred?.startsWith('en') ? 'en' : 'nb'
}

type Messages = typeof nb

// Bokmål is in the first route's bundle (the default and the fallback); English is a chunk of its
// own, loaded when someone uses it, so most phones do not download both (precached for offline).
export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: 'nb',
  fallbackLocale: 'nb',
  messages: { nb } as Record<Locale, Messages>,
})

/** Makes a language's messages available, fetching English the first time. */
async function loadMessages(locale: Locale): Promise<void> {
  if (locale === 'nb' || i18n.global.availableLocales.includes(locale)) return
  i18n.global.setLocaleMessage(locale, (await import('./en.json')).default)
}

/** Starts in the language the person chose or their browser prefers (call before the app mounts). */
export async function startLocale(): Promise<void> {
  const locale = initialLocale()
  await loadMessages(locale).catch(() => {})
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
