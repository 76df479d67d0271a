import type { MemberEntry } from '../../../shared/schemas/person.ts'
import { foldForSearch, helpWithMask, type HelpWith, type SearchFields } from './searchFields.ts'

/** A directory entry as the device stores it: the server's entry and its search fields. */
export type StoredMember = MemberEntry & Partial<SearchFields> & { _key: string }

export type DirectorySort = 'name' | 'cohort' | 'newest'

export interface DirectoryQuery {
  text: string
  /** Graduation year, or null for every cohort. */
  cohort: number | null
  /** Only those who offer every one of these. */
  helpWith: HelpWith[]
  sort: DirectorySort
  /** How many entries to return (the rest are counted). */
  limit: number
}

export interface DirectoryResult {
  /** Device keys of the first `limit` matches, in order. */
  keys: string[]
  total: number
}

/** What the index keeps of one entry: small, so 40,000 of them fit a cheap phone. */
interface Entry {
  key: string
  text: string
  /** A bit per letter some word starts with: most entries fail a search on this one AND, before any string is read. */
  initials: number
  sortName: string
  cohort: number | null
  help: number
  since: string
}

/** The bit for a word's first character (a–z, æ, ø, å and digits have their own; the rest share one). */
function initialBit(char: string): number {
  const code = char.charCodeAt(0)
  if (code >= 97 && code <= 122) return 1 << (code - 97)
  if (char === 'æ') return 1 << 26
  if (char === 'ø') return 1 << 27
  if (char === 'å') return 1 << 28
  if (code >= 48 && code <= 57) return 1 << 29
  return 1 << 30
}

function initialsOf(text: string): number {
  let bits = 0
  for (let i = text.indexOf(' '); i !== -1 && i + 1 < text.length; i = text.indexOf(' ', i + 1))
    bits |= initialBit(text[i + 1]!)
  return bits
}

function toEntry(row: StoredMember): Entry {
  // Rows from before search fields existed (or written by an optimistic change) are folded here.
  const text =
    row._s ??
    ` ${foldForSearch([row.name, row.employer, row.programme, row.city, row.title, row.graduationYear].filter(Boolean).join(' '))}`
  return {
    key: row._key,
    text,
    initials: initialsOf(text),
    sortName: row._o ?? foldForSearch(row.name),
    cohort: row.graduationYear ?? null,
    help: helpWithMask(row.helpWith),
    since: row.memberSince,
  }
}

const byName = (a: Entry, b: Entry) =>
  a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.key < b.key ? -1 : 1
const COMPARE: Record<DirectorySort, (a: Entry, b: Entry) => number> = {
  name: byName,
  cohort: (a, b) => (b.cohort ?? -1) - (a.cohort ?? -1) || byName(a, b),
  newest: (a, b) => (a.since < b.since ? 1 : a.since > b.since ? -1 : byName(a, b)),
}

/**
 * A directory's search index, kept in memory and changed entry by entry as
 * sync pages arrive. Search scans the entries in the chosen order with
 * `includes` at word starts; as a person types on, only the previous
 * matches are scanned again.
 *
 * @example
 * const index = createMemberIndex()
 * index.put(rows)
 * index.search({ text: 'nor', cohort: null, helpWith: [], sort: 'name', limit: 50 })
 */
export function createMemberIndex() {
  const entries = new Map<string, Entry>()
  const sorted = new Map<DirectorySort, Entry[]>()
  let last: { tokens: string[]; cohort: number | null; help: number; sort: DirectorySort; matches: Entry[] } | null =
    null
  let cohorts: number[] | null = null

  function changed(): void {
    sorted.clear()
    last = null
    cohorts = null
  }

  function inOrder(sort: DirectorySort): Entry[] {
    let list = sorted.get(sort)
    if (!list) sorted.set(sort, (list = [...entries.values()].sort(COMPARE[sort])))
    return list
  }

  return {
    get size() {
      return entries.size
    },

    /** Adds or replaces entries. */
    put(rows: Iterable<StoredMember>): void {
      for (const row of rows) entries.set(row._key, toEntry(row))
      changed()
    },

    /** Removes entries by device key. */
    remove(keys: Iterable<string>): void {
      for (const key of keys) entries.delete(key)
      changed()
    },

    clear(): void {
      entries.clear()
      changed()
    },

    /** The graduation years present, newest first, for the cohort filter. */
    cohorts(): number[] {
      if (!cohorts)
        cohorts = [...new Set([...entries.values()].map((e) => e.cohort).filter((y): y is number => y !== null))].sort(
          (a, b) => b - a,
        )
      return cohorts
    },

    search(query: DirectoryQuery): DirectoryResult {
      const tokens = foldForSearch(query.text)
        .split(' ')
        .filter(Boolean)
        .map((t) => ` ${t}`)
      let initials = 0
      for (const token of tokens) initials |= initialBit(token[1]!)
      const help = helpWithMask(query.helpWith)
      // Typing on narrows the last answer: whatever matches "nord" matched "nor".
      const isNarrowing =
        last !== null &&
        last.sort === query.sort &&
        last.cohort === query.cohort &&
        last.help === help &&
        last.tokens.length <= tokens.length &&
        last.tokens.every((t, i) => tokens[i]!.startsWith(t))
      const base = isNarrowing ? last!.matches : inOrder(query.sort)
      const matches = base.filter(
        (e) =>
          (query.cohort === null || e.cohort === query.cohort) &&
          (e.help & help) === help &&
          (e.initials & initials) === initials &&
          tokens.every((t) => e.text.includes(t)),
      )
      last = { tokens, cohort: query.cohort, help, sort: query.sort, matches }
      return { keys: matches.slice(0, query.limit).map((e) => e.key), total: matches.length }
    },
  }
}

export type MemberIndex = ReturnType<typeof createMemberIndex>
