import { z } from 'zod'
import { ID_MAX, NEW_ID_MAX } from '../ids.ts'

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
export const withHttps = (value: unknown) => (typeof value === 'string' && BARE_ADDRESS.test(value.trim()) ? `https://${value.trim()}` : value)

/** A URL the app may link to: http(s) only, so no `javascript:` ever reaches an `href`. */
export const WebUrlSchema = z.preprocess(withHttps, z.url({ protocol: /^https?$/ }).max(2048))

/** Short human text: trimmed, non-empty. */
export const NameSchema = z.string().trim().min(1).max(200)

/** Longer human text (purpose, statutes): may be empty. */
export const TextSchema = z.string().max(20_000)
