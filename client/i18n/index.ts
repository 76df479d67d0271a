import { createI18n } from 'vue-i18n'
import nb from './nb.json'
import en from './en.json'

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

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'nb',
  messages: { nb, en },
})

/** Switches language, remembers it, and tells assistive technology via `<html lang>`. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}

document.documentElement.lang = i18n.global.locale.value

/** What helpers outside components need from vue-i18n: a key (and named values) in, words out. */
export type Translate = (key: string, named?: Record<string, unknown>) => string
