import { computed } from 'vue'
import { db } from '../../db/database.ts'
import { useLiveQuery } from '../../ui/useLiveQuery.ts'
import { useMyMemberships } from '../membership/useMyMemberships.ts'

/**
 * What an edit page of a network's thing (an event, a newsletter) works on:
 * the thing when editing one (`id`), its network (from `slug` when making a
 * new one), and whether this person may edit there. Read live from the device.
 */
export function useEditTarget<T extends { networkId: string }>(
  props: { slug?: string; id?: string },
  find: (id: string) => Promise<T | undefined>,
) {
  const { runs } = useMyMemberships()
  const existing = useLiveQuery(async () => (props.id ? ((await find(props.id)) ?? null) : null), undefined, [
    () => props.id,
  ])
  const network = useLiveQuery(
    async () => {
      if (props.slug) return (await db.networks.where('slug').equals(props.slug).first()) ?? null
      return existing.value ? ((await db.networks.where('id').equals(existing.value.networkId).first()) ?? null) : null
    },
    undefined,
    [() => props.slug, () => existing.value?.networkId],
  )
  const mayEdit = computed(() => (network.value ? runs(network.value.id) : false))
  return { existing, network, mayEdit }
}
