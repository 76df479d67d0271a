import type { MemberEntry } from '../../../shared/schemas/person.ts'

/**
 * Lower case without accents (é → e, ü → u), keeping the Norwegian letters
 * æ, ø, å, and with everything that is not a letter or digit as a space, so
 * "Informatikk: design" matches "design" and "Sæther" matches "sæt".
 *
 * @example foldForSearch('Ålesund, Møre') // 'ålesund møre'
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/å/g, '\uE000')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\uE000/g, 'å')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The "can help with" choices as bits, so a filter is one `&`. */
export const HELP_WITH_BITS = { mentor: 1, guestLecturer: 2, internships: 4, speaker: 8 } as const
export type HelpWith = keyof typeof HELP_WITH_BITS

export function helpWithMask(helpWith: readonly HelpWith[] | undefined): number {
  let mask = 0
  for (const h of helpWith ?? []) mask |= HELP_WITH_BITS[h]
  return mask
}

/**
 * What the device stores beside a directory entry to search and sort it
 * without reading anything else: computed once per entry as its sync page
 * arrives, so the index grows with the download and is never rebuilt.
 * `_s` begins and separates words with a space: a search term matches at
 * the start of a word (" nor" finds Nordmann, not Lenore).
 */
export interface SearchFields {
  /** Folded name, employer, programme, city, title and graduation year. */
  _s: string
  /** Folded name, to sort by. */
  _o: string
}

export function searchFieldsOf(
  entry: Pick<MemberEntry, 'name' | 'employer' | 'programme' | 'city' | 'title' | 'graduationYear'>,
): SearchFields {
  const parts = [entry.name, entry.employer, entry.programme, entry.city, entry.title, entry.graduationYear?.toString()]
  return { _s: ` ${foldForSearch(parts.filter(Boolean).join(' '))}`, _o: foldForSearch(entry.name) }
}
