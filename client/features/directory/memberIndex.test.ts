import { describe, expect, it } from 'vitest'
import { createMemberIndex, type MemberCard, type StoredMember } from './memberIndex.ts'
import { foldForSearch, searchFieldsOf } from './searchFields.ts'

function member(id: string, fields: Partial<StoredMember>): StoredMember {
  const row = {
    id,
    _key: `network:n1:members|${id}`,
    networkId: 'n1',
    name: id,
    role: 'member' as const,
    memberSince: '2020-01-01T00:00:00.000Z',
    ...fields,
  }
  return { ...row, ...searchFieldsOf(row) }
}

const rows = [
  member('a', { name: 'Kari Nordmann', employer: 'NRK', city: 'Oslo', graduationYear: 2015, helpWith: ['mentor'] }),
  member('b', {
    name: 'Lenore Berg',
    employer: 'Equinor',
    city: 'Bergen',
    graduationYear: 2019,
    memberSince: '2024-05-01T00:00:00.000Z',
  }),
  member('c', {
    name: 'Åse Sæther',
    programme: 'Informatikk: design, bruk, interaksjon',
    city: 'Trondheim',
    graduationYear: 2015,
    helpWith: ['mentor', 'speaker'],
  }),
  member('d', { name: 'Émile Østby', title: 'Redaktør' }),
]
const query = { text: '', cohort: null, helpWith: [], sort: 'name' as const, limit: 50 }
const ids = (cards: MemberCard[]) => cards.map((c) => c.id)

describe('member index', () => {
  it('matches every typed word at the start of a word in name, employer, programme, city or title', () => {
    const index = createMemberIndex()
    index.put(rows)
    expect(ids(index.search({ ...query, text: 'nor' }).cards)).toEqual(['a'])
    expect(ids(index.search({ ...query, text: 'equi' }).cards)).toEqual(['b'])
    expect(ids(index.search({ ...query, text: 'design' }).cards)).toEqual(['c'])
    expect(ids(index.search({ ...query, text: 'oslo kari' }).cards)).toEqual(['a'])
    expect(ids(index.search({ ...query, text: 'redaktor' }).cards)).toEqual([])
    expect(ids(index.search({ ...query, text: 'REDAKTØR' }).cards)).toEqual(['d'])
  })

  it('ignores accents but keeps æ, ø and å apart', () => {
    const index = createMemberIndex()
    index.put(rows)
    expect(ids(index.search({ ...query, text: 'emile' }).cards)).toEqual(['d'])
    expect(ids(index.search({ ...query, text: 'åse' }).cards)).toEqual(['c'])
    expect(ids(index.search({ ...query, text: 'ase' }).cards)).toEqual([])
  })

  it('narrows as one types on, and widens again when a letter is taken back', () => {
    const index = createMemberIndex()
    index.put(rows)
    expect(index.search({ ...query, text: 'b' }).total).toBe(2)
    expect(index.search({ ...query, text: 'be' }).total).toBe(1)
    expect(index.search({ ...query, text: 'b' }).total).toBe(2)
    expect(index.search({ ...query, text: 'b', cohort: 2015 }).total).toBe(1)
  })

  it('filters by cohort and by every chosen kind of help', () => {
    const index = createMemberIndex()
    index.put(rows)
    expect(ids(index.search({ ...query, cohort: 2015 }).cards)).toEqual(['a', 'c'])
    expect(ids(index.search({ ...query, helpWith: ['mentor'] }).cards)).toEqual(['a', 'c'])
    expect(ids(index.search({ ...query, helpWith: ['mentor', 'speaker'] }).cards)).toEqual(['c'])
    expect(index.cohorts()).toEqual([2019, 2015])
  })

  it('sorts by name, by cohort (newest first) and by who joined last', () => {
    const index = createMemberIndex()
    index.put(rows)
    expect(ids(index.search(query).cards)).toEqual(['d', 'a', 'b', 'c'])
    expect(ids(index.search({ ...query, sort: 'cohort' }).cards)).toEqual(['b', 'a', 'c', 'd'])
    expect(ids(index.search({ ...query, sort: 'newest' }).cards)[0]).toBe('b')
  })

  it('takes changes entry by entry: a changed employer is found by its new name only', () => {
    const index = createMemberIndex()
    index.put(rows)
    expect(index.search({ ...query, text: 'nrk' }).total).toBe(1)
    index.put([member('a', { name: 'Kari Nordmann', employer: 'Schibsted' })])
    expect(ids(index.search({ ...query, text: 'schib' }).cards)).toEqual(['a'])
    expect(index.search({ ...query, text: 'nrk' }).total).toBe(0)
    index.remove(['network:n1:members|a'])
    expect(index.search({ ...query, text: 'kari' }).total).toBe(0)
    expect(index.size).toBe(3)
  })

  it('counts every match but returns only the first `limit`', () => {
    const index = createMemberIndex()
    index.put(rows)
    expect(index.search({ ...query, limit: 2 })).toEqual({ cards: expect.any(Array), total: 4 })
    expect(index.search({ ...query, limit: 2 }).cards).toHaveLength(2)
  })

  it('shows the name and one line of work, study and city with every match', () => {
    const index = createMemberIndex()
    index.put(rows)
    expect(index.search({ ...query, text: 'kari' }).cards).toEqual([
      { key: 'network:n1:members|a', id: 'a', name: 'Kari Nordmann', line: 'NRK · 2015 · Oslo' },
    ])
  })

  it.for(['name', 'cohort', 'newest'] as const)(
    'keeps the %s order as sync pages add, replace and remove entries, as if built from scratch',
    (sort) => {
      // A seeded walk: pages of new and changed entries with removals between, against a fresh index of the result.
      let seed = 7
      const random = (n: number) => ((seed = (seed * 48271) % 2147483647) % n) as number
      const names = ['Kari', 'Ola', 'Åse', 'Émile', 'Lenore', 'Per']
      const index = createMemberIndex()
      const current = new Map<string, StoredMember>()
      for (let step = 0; step < 40; step++) {
        const page = Array.from({ length: 1 + random(8) }, () =>
          member(`p${random(30)}`, {
            name: `${names[random(names.length)]} ${random(5)}`,
            graduationYear: random(3) ? 2000 + random(4) : undefined,
            memberSince: `202${random(5)}-01-01T00:00:00.000Z`,
          }),
        )
        index.search({ ...query, sort, limit: 100 })
        index.put(page)
        for (const row of page) current.set(row._key, row)
        if (random(3) === 0) {
          const gone = [...current.keys()].filter(() => random(4) === 0)
          index.remove(gone)
          for (const key of gone) current.delete(key)
        }
        const fresh = createMemberIndex()
        fresh.put(current.values())
        expect(index.search({ ...query, sort, limit: 100 })).toEqual(fresh.search({ ...query, sort, limit: 100 }))
        expect(index.cohorts()).toEqual(fresh.cohorts())
      }
    },
  )

  it('finds exactly what a plain word-start scan finds, for every prefix typed', () => {
    // The initial and pair bits only skip entries; a skipped entry that matches would be lost here.
    const words = ['nordmann', 'nrk', 'bergen', 'åse', 'øst', 'ærlig', 'oslo', 'ola', 'x-imk', '2015', 'é', 'b']
    const many = Array.from({ length: 300 }, (_, i) =>
      member(`m${i}`, {
        name: `${words[i % words.length]} ${words[(i * 7) % words.length]}`,
        employer: words[(i * 3) % words.length],
        city: i % 2 ? words[(i * 5) % words.length] : undefined,
      }),
    )
    const index = createMemberIndex()
    index.put(many)
    for (const word of [...words, 'ola nord', 'nr ber', 'q']) {
      for (let n = 1; n <= word.length; n++) {
        const text = word.slice(0, n)
        const tokens = text.split(' ').filter(Boolean)
        const expected = many.filter((m) => tokens.every((t) => m._s!.includes(` ${foldForSearch(t)}`))).length
        expect(index.search({ ...query, text, limit: 0 }).total, text).toBe(expected)
      }
    }
  })
})
