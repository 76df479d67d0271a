import { z } from 'zod'
import { ID_MAX, NEW_ID_MAX } from '../ids.ts'

// In the browser, Zod's faster parsers would compile code with `new Function`, which the app's
// Content-Security-Policy forbids: its probe for that raised a violation on every page. The server keeps them.
if (typeof process === 'undefined') z.config({ jitless: true })

const ID_CHARACTERS = /^[A-Za-z0-9_-]+$/

/** Any row's id: opaque, e.g. a UUID, or one derived from two (see `shared/ids.ts`). */
export const IdSchema = z.string().min(1).max(ID_MAX).regex(ID_CHARACTERS, 'letters, digits, _ and - only')

/** The id a device mints for a new row (a UUID): short enough that every id derived from it fits {@link IdSchema}. */
export const NewIdSchema = z.string().min(1).max(NEW_ID_MAX).regex(ID_CHARACTERS, 'letters, digits, _ and - only')

/** An ISO 8601 instant with offset, as JSON carries dates: `2026-04-23T10:00:00.000Z`. */
export const InstantSchema = z.iso.datetime({ offset: true })

/** A calendar date: `2026-04-23`. */
export const DateSchema = z.iso.date()

export const EmailSchema = z.email().max(254)

/** An address typed without its scheme ("linkedin.com/in/kari"), as people copy it: https is assumed. */
const BARE_ADDRESS = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/?#]|$)/i
export const withHttps = (value: unknown) =>
  typeof value === 'string' && BARE_ADDRESS.test(value.trim()) ? `https://${value.trim()}` : value

/** A URL the app may link to: http(s) only, so no `javascript:` ever reaches an `href`. */
export const WebUrlSchema = z.preprocess(withHttps, z.url({ protocol: /^https?$/ }).max(2048))

// Control characters break what text flows into: a NUL cannot be stored in PostgreSQL, CR/LF
// writes lines into calendar files and mail headers. C0, DEL and C1; text may keep tab and newlines.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROLS_IN_LINE = /^[^\u0000-\u001F\u007F-\u009F]*$/
// eslint-disable-next-line no-control-regex -- as above
const NO_CONTROLS_IN_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/

/** One line of human text (a name, a place, a label): trimmed, at most `max` characters, no control characters. */
export function lineSchema(max: number) {
  return z.string().trim().max(max).regex(NO_CONTROLS_IN_LINE, 'no control characters or line breaks')
}

/** Human text of several lines (a bio, a comment): at most `max` characters; line breaks and tabs but no other control characters. */
export function textSchema(max: number) {
  return z.string().max(max).regex(NO_CONTROLS_IN_TEXT, 'no control characters')
}

/** Short human text: trimmed, non-empty, one line. */
export const NameSchema = lineSchema(200).min(1)

/** Longer human text (purpose, statutes): may be empty. */
export const TextSchema = textSchema(20_000)

/**
 * The app's languages: bokmål, nynorsk, English. Also the language a staff
 * text is written in, so a page can declare it (`lang`) and a network can
 * count its texts in each written standard (språklova § 10: at least 25 %).
 */
export const LocaleSchema = z.enum(['nb', 'nn', 'en'])
export type Locale = z.infer<typeof LocaleSchema>

/** A stored or asked-for language as one of the app's (bokmål for anything else). */
export function localeOf(value: unknown): Locale {
  return value === 'nn' || value === 'en' ? value : 'nb'
}
