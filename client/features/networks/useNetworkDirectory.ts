import { computed, type Ref } from 'vue'
import { db } from '../../db/database.ts'
import { useLiveQuery } from '../../ui/useLiveQuery.ts'
import type { Faculty, Institution } from '../../../shared/schemas/faculty.ts'
import type { Network } from '../../../shared/schemas/network.ts'

export interface FacultyGroup {
  institution: Institution
  faculty: Faculty
  networks: Network[]
}

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
  const data = useLiveQuery(async () => {
    const [institutions, faculties, networks] = await Promise.all([
      db.institutions.toArray(),
      db.faculties.toArray(),
      db.networks.toArray(),
    ])
    return { institutions, faculties, networks }
  }, null)

  const groups = computed<FacultyGroup[]>(() => {
    if (!data.value) return []
    const { institutions, faculties, networks } = data.value
    const needle = normalise(search.value.trim())
    const result: FacultyGroup[] = []
    for (const institution of [...institutions].sort((a, b) => a.name.localeCompare(b.name, 'nb'))) {
      for (const faculty of faculties
        .filter((f) => f.institutionId === institution.id)
        .sort((a, b) => a.name.localeCompare(b.name, 'nb'))) {
        const haystack = normalise(`${institution.name} ${institution.shortName} ${faculty.name} ${faculty.shortName}`)
        const matching = networks
          .filter((n) => n.facultyId === faculty.id)
          .filter(
            (n) =>
              !needle ||
              haystack.includes(needle) ||
              normalise(`${n.name} ${n.shortName} ${n.purpose}`).includes(needle),
          )
          .sort((a, b) => a.name.localeCompare(b.name, 'nb'))
        if (matching.length > 0) result.push({ institution, faculty, networks: matching })
      }
    }
    return result
  })

  return {
    groups,
    isLoaded: computed(() => data.value !== null),
    total: computed(() => data.value?.networks.length ?? 0),
  }
}
