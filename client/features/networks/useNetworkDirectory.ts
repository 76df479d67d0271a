import { computed, type Ref } from 'vue'
import { db } from '../../db/database.ts'
import { useLiveQuery } from '../../ui/useLiveQuery.ts'
import { intlFormatter } from '../../../shared/intlCache.ts'
import { whenIdle } from '../../ui/whenIdle.ts'
import type { Faculty, Institution } from '../../../shared/schemas/faculty.ts'
import type { Network } from '../../../shared/schemas/network.ts'

export interface FacultyGroup {
  institution: Institution
  faculty: Faculty
  networks: Network[]
}

const nbCollator = () => intlFormatter('Collator', 'nb', {}, () => new Intl.Collator('nb'))

function normalise(text: string): string {
  return text
    .toLocaleLowerCase('nb')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
}

/**
 * Every network on the device, grouped by institution and faculty (as
 * OsloMet's and UiA's overview pages do), filtered by a search text that
 * matches network, faculty and institution names. Read live from IndexedDB.
 */
export function useNetworkDirectory(search: Ref<string>) {
  // The first collator loads the language's collation data (60–100 ms at 4x CPU): made while the rows load.
  whenIdle(nbCollator)
  const data = useLiveQuery(async () => {
    const [institutions, faculties, networks] = await Promise.all([
      db.institutions.toArray(),
      db.faculties.toArray(),
      db.networks.toArray(),
    ])
    return { institutions, faculties, networks }
  }, null)

  // Sorted and made searchable once per change of the rows, not on every key press; one collator for all
  // the comparisons (a string's localeCompare with a locale makes a collator each time).
  const sorted = computed(() => {
    if (!data.value) return []
    const { institutions, faculties, networks } = data.value
    const collator = nbCollator()
    const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name)
    return [...institutions].sort(byName).flatMap((institution) =>
      faculties
        .filter((f) => f.institutionId === institution.id)
        .sort(byName)
        .map((faculty) => ({
          institution,
          faculty,
          haystack: normalise(`${institution.name} ${institution.shortName} ${faculty.name} ${faculty.shortName}`),
          networks: networks
            .filter((n) => n.facultyId === faculty.id)
            .sort(byName)
            .map((network) => ({
              network,
              haystack: normalise(`${network.name} ${network.shortName} ${network.purpose}`),
            })),
        })),
    )
  })

  const groups = computed<FacultyGroup[]>(() => {
    const needle = normalise(search.value.trim())
    const result: FacultyGroup[] = []
    for (const { institution, faculty, haystack, networks } of sorted.value) {
      const isFacultyMatch = !needle || haystack.includes(needle)
      const matching = networks.filter((n) => isFacultyMatch || n.haystack.includes(needle)).map((n) => n.network)
      if (matching.length > 0) result.push({ institution, faculty, networks: matching })
    }
    return result
  })

  return {
    groups,
    isLoaded: computed(() => data.value !== null),
    total: computed(() => data.value?.networks.length ?? 0),
  }
}
