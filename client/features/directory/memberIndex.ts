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

/** What the list shows of one match, held by the index so a key press shows results without reading the database. */
export interface MemberCard {
  /** Device key. */
  key: string
  id: string
  name: string
  /** Work, study and city on one line: "Utvikler, NRK · Informatikk 2015 · Oslo". */
  line: string
}

export interface DirectoryResult {
  /** The first `limit` matches, in order. */
  cards: MemberCard[]
  total: number
}

/** What the index keeps of one entry: small, so 40,000 of them fit a cheap phone. */
interface Entry {
  card: MemberCard
  text: string
  /** A bit per letter some word starts with: most entries fail a search on this one AND, before any string is read. */
  initials: number
  /** The same for each word's first two characters, hashed (so a set bit may be another pair's). */
  pairs: number
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

/** A bit for a word's first two characters (hashed into 30): the second key of a word skips most entries too. */
function pairBit(first: string, second: string): number {
  return 1 << ((first.charCodeAt(0) * 31 + second.charCodeAt(0)) % 30)
}

function pairsOf(text: string): number {
  let bits = 0
  for (let i = text.indexOf(' '); i !== -1 && i + 2 < text.length; i = text.indexOf(' ', i + 1))
    if (text[i + 2] !== ' ') bits |= pairBit(text[i + 1]!, text[i + 2]!)
  return bits
}

/** Letters whose initial bit is theirs alone: a one-letter search on one of them needs no string compared. */
const hasOwnInitial = (char: string) => /^[a-zæøå]$/.test(char)

function toEntry(row: StoredMember): Entry {
  // Rows from before search fields existed (or written by an optimistic change) are folded here.
  const text =
    row._s ??
    ` ${foldForSearch([row.name, row.employer, row.programme, row.city, row.title, row.graduationYear].filter(Boolean).join(' '))}`
  const work = [row.title, row.employer].filter(Boolean).join(', ')
  const study = [row.programme, row.graduationYear].filter(Boolean).join(' ')
  return {
    card: { key: row._key, id: row.id, name: row.name, line: [work, study, row.city].filter(Boolean).join(' · ') },
    text,
    initials: initialsOf(text),
    pairs: pairsOf(text),
    sortName: row._o ?? foldForSearch(row.name),
    cohort: row.graduationYear ?? null,
    help: helpWithMask(row.helpWith),
    since: row.memberSince,
  }
}

const byName = (a: Entry, b: Entry) =>
  a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.card.key < b.card.key ? -1 : 1
const COMPARE: Record<DirectorySort, (a: Entry, b: Entry) => number> = {
  name: byName,
  cohort: (a, b) => (b.cohort ?? -1) - (a.cohort ?? -1) || byName(a, b),
  newest: (a, b) => (a.since < b.since ? 1 : a.since > b.since ? -1 : byName(a, b)),
}

/** Two lists in one order merged into one: a sync page of 1,000 joins 40,000 sorted entries without sorting them again. */
function merge(sorted: Entry[], added: Entry[], compare: (a: Entry, b: Entry) => number): Entry[] {
  const out = new Array<Entry>(sorted.length + added.length)
  let i = 0,
    j = 0,
    k = 0
  while (i < sorted.length && j < added.length)
    out[k++] = compare(sorted[i]!, added[j]!) <= 0 ? sorted[i++]! : added[j++]!
  while (i < sorted.length) out[k++] = sorted[i++]!
  while (j < added.length) out[k++] = added[j++]!
  return out
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
  // Each order is sorted once when first asked for and then kept in order as entries come and go.
  const sorted = new Map<DirectorySort, Entry[]>()
  const cohortCounts = new Map<number, number>()
  let last: { tokens: string[]; cohort: number | null; help: number; sort: DirectorySort; matches: Entry[] } | null =
    null
  let cohorts: number[] | null = null

  function countCohort(entry: Entry, by: 1 | -1): void {
    if (entry.cohort === null) return
    const n = (cohortCounts.get(entry.cohort) ?? 0) + by
    if (n === 0) cohortCounts.delete(entry.cohort)
    else cohortCounts.set(entry.cohort, n)
    cohorts = null
  }

  /** Drops entries no longer current (removed or replaced) from the kept orders, then merges `added` in. */
  function reorder(hasGone: boolean, added: Entry[]): void {
    last = null
    const isCurrent = (e: Entry) => entries.get(e.card.key) === e
    const fresh = added.filter(isCurrent)
    for (const [sort, list] of sorted) {
      const kept = hasGone ? list.filter(isCurrent) : list
      sorted.set(sort, fresh.length ? merge(kept, [...fresh].sort(COMPARE[sort]), COMPARE[sort]) : kept)
    }
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
      const added: Entry[] = []
      let hasGone = false
      for (const row of rows) {
        const entry = toEntry(row)
        const old = entries.get(row._key)
        if (old) {
          countCohort(old, -1)
          hasGone = true
        }
        entries.set(row._key, entry)
        countCohort(entry, 1)
        added.push(entry)
      }
      reorder(hasGone, added)
    },

    /** Removes entries by device key. */
    remove(keys: Iterable<string>): void {
      let hasGone = false
      for (const key of keys) {
        const old = entries.get(key)
        if (!old) continue
        entries.delete(key)
        countCohort(old, -1)
        hasGone = true
      }
      if (hasGone) reorder(true, [])
    },

    clear(): void {
      entries.clear()
      sorted.clear()
      cohortCounts.clear()
      last = null
      cohorts = null
    },

    /** The graduation years present, newest first, for the cohort filter. */
    cohorts(): number[] {
      cohorts ??= [...cohortCounts.keys()].sort((a, b) => b - a)
      return cohorts
    },

    search(query: DirectoryQuery): DirectoryResult {
      const tokens = foldForSearch(query.text)
        .split(' ')
        .filter(Boolean)
        .map((t) => ` ${t}`)
      let initials = 0
      let pairs = 0
      for (const token of tokens) {
        initials |= initialBit(token[1]!)
        if (token.length > 2) pairs |= pairBit(token[1]!, token[2]!)
      }
      const isInitialEnough = tokens.length === 1 && tokens[0]!.length === 2 && hasOwnInitial(tokens[0]![1]!)
      const help = helpWithMask(query.helpWith)
      const cohort = query.cohort
      // Typing on narrows the last answer: whatever matches "nord" matched "nor".
      const isNarrowing =
        last !== null &&
        last.sort === query.sort &&
        last.cohort === cohort &&
        last.help === help &&
        last.tokens.length <= tokens.length &&
        last.tokens.every((t, i) => tokens[i]!.startsWith(t))
      const base = isNarrowing ? last!.matches : inOrder(query.sort)
      // A plain loop: on a cheap phone the per-entry closures of filter and every cost more than the test.
      const matches: Entry[] = []
      scan: for (const e of base) {
        if ((cohort !== null && e.cohort !== cohort) || (e.help & help) !== help) continue
        if ((e.initials & initials) !== initials || (e.pairs & pairs) !== pairs) continue
        if (!isInitialEnough) for (const t of tokens) if (!e.text.includes(t)) continue scan
        matches.push(e)
      }
      last = { tokens, cohort, help, sort: query.sort, matches }
      return { cards: matches.slice(0, query.limit).map((e) => e.card), total: matches.length }
    },
  }
}

export type MemberIndex = ReturnType<typeof createMemberIndex>
