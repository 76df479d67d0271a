import type { Network, NewNetwork } from './schemas/network.ts'

/**
 * A network's page as it stands before anyone edits it. Not in the schema module: the device's changes need
 * this and none of Zod, whose schemas take a cheap phone a quarter of a second to build.
 */
export const blankNetwork = (input: NewNetwork, now: string): Network => ({
  ...input,
  activities: [],
  channels: [],
  statutes: '',
  anchoring: '',
  benefits: [],
  foundedYear: null,
  updatedAt: now,
})
