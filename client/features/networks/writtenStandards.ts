import type { Locale } from '../../../shared/schemas/common.ts'

/** The share the language act asks of each written standard, of what a central body publishes (§ 10). */
export const MINIMUM_SHARE = 0.25

export interface WrittenStandardCount {
  /** Texts by the language they are written in. */
  counts: Record<Locale, number>
  /** Of the texts in Norwegian, the share in bokmål and in nynorsk (null when there are none). */
  shares: { nb: number; nn: number } | null
  /** The Norwegian written standards below the minimum share. */
  below: ('nb' | 'nn')[]
}

/**
 * How a network's published texts divide between bokmål and nynorsk. English
 * texts are counted but left out of the shares: the act's 25 % is of each
 * written standard of Norwegian, and an English text is neither.
 */
export function countWrittenStandards(languages: readonly (Locale | undefined)[]): WrittenStandardCount {
  const counts: Record<Locale, number> = { nb: 0, nn: 0, en: 0 }
  // Rows written before texts carried a language were all written in bokmål.
  for (const language of languages) counts[language ?? 'nb'] += 1
  const norwegian = counts.nb + counts.nn
  if (norwegian === 0) return { counts, shares: null, below: [] }
  const shares = { nb: counts.nb / norwegian, nn: counts.nn / norwegian }
  return { counts, shares, below: (['nb', 'nn'] as const).filter((s) => shares[s] < MINIMUM_SHARE) }
}

/** What counts as published in the last year: the page itself, events not in draft, newsletters sent. */
export function publishedInYear<T extends { status: string; language?: Locale }>(
  rows: readonly T[],
  when: (row: T) => string | null,
  now: Date,
): (Locale | undefined)[] {
  const since = new Date(now.getTime() - 365 * 86_400_000).toISOString()
  return rows
    .filter((row) => row.status !== 'draft' && row.status !== 'scheduled' && (when(row) ?? '') >= since)
    .map((row) => row.language)
}
