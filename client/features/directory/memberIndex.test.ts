import { describe, expect, it } from 'vitest'
import { createMemberIndex, type StoredMember } from './memberIndex.ts'
import { searchFieldsOf } from './searchFields.ts'

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
const ids = (keys: string[]) => keys.map((k) => k.split('|')[1])

describe('member index', () => {
  it('matches every typed word at the start of a word in name, employer, programme, city or title', () => {
    const index = createMemberIndex()
    index.put(rows)
    expect(ids(index.search({ ...query, text: 'nor' }).keys)).toEqual(['a'])
    expect(ids(index.search({ ...query, text: 'equi' }).keys)).toEqual(['b'])
    expect(ids(index.search({ ...query, text: 'design' }).keys)).toEqual(['c'])
    expect(ids(index.search({ ...query, text: 'oslo kari' }).keys)).toEqual(['a'])
    expect(ids(index.search({ ...query, text: 'redaktor' }).keys)).toEqual([])
    expect(ids(index.search({ ...query, text: 'REDAKTØR' }).keys)).toEqual(['d'])
  })

  it('ignores accents but keeps æ, ø and å apart', () => {
    const index = createMemberIndex()
    index.put(rows)
    expect(ids(index.search({ ...query, text: 'emile' }).keys)).toEqual(['d'])
    expect(ids(index.search({ ...query, text: 'åse' }).keys)).toEqual(['c'])
    expect(ids(index.search({ ...query, text: 'ase' }).keys)).toEqual([])
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
    expect(ids(index.search({ ...query, cohort: 2015 }).keys)).toEqual(['a', 'c'])
    expect(ids(index.search({ ...query, helpWith: ['mentor'] }).keys)).toEqual(['a', 'c'])
    expect(ids(index.search({ ...query, helpWith: ['mentor', 'speaker'] }).keys)).toEqual(['c'])
    expect(index.cohorts()).toEqual([2019, 2015])
  })

  it('sorts by name, by cohort (newest first) and by who joined last', () => {
    const index = createMemberIndex()
    index.put(rows)
    expect(ids(index.search(query).keys)).toEqual(['d', 'a', 'b', 'c'])
    expect(ids(index.search({ ...query, sort: 'cohort' }).keys)).toEqual(['b', 'a', 'c', 'd'])
    expect(ids(index.search({ ...query, sort: 'newest' }).keys)[0]).toBe('b')
  })

  it('takes changes entry by entry: a changed employer is found by its new name only', () => {
    const index = createMemberIndex()
    index.put(rows)
    expect(index.search({ ...query, text: 'nrk' }).total).toBe(1)
    index.put([member('a', { name: 'Kari Nordmann', employer: 'Schibsted' })])
    expect(ids(index.search({ ...query, text: 'schib' }).keys)).toEqual(['a'])
    expect(index.search({ ...query, text: 'nrk' }).total).toBe(0)
    index.remove(['network:n1:members|a'])
    expect(index.search({ ...query, text: 'kari' }).total).toBe(0)
    expect(index.size).toBe(3)
  })

  it('counts every match but returns only the first `limit`', () => {
    const index = createMemberIndex()
    index.put(rows)
    expect(index.search({ ...query, limit: 2 })).toEqual({ keys: expect.any(Array), total: 4 })
    expect(index.search({ ...query, limit: 2 }).keys).toHaveLength(2)
  })
})
