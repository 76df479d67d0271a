/**
 * Ids, and the ids derived from them. A new row's id is minted by a device
 * or the server (a UUID, or `p-` and a UUID for a person) and is at most
 * {@link NEW_ID_MAX} characters; some rows take an id derived from two
 * others (one registration per person and event), so an id anywhere may be
 * up to {@link ID_MAX}. `ids.test.ts` proves every builder here fits.
 *
 * @example registrationId(event.id, person.id) // 'r-p-1b9d…-4f0c…'
 */

/** Longest id minted for a new row: `p-` + a UUID is 38. */
export const NEW_ID_MAX = 64

/** Longest id of any row: room for a short prefix and two minted ids. */
export const ID_MAX = 2 * NEW_ID_MAX + 8

/** A registration's id: one per person and event, reused when someone registers again (the device and the server agree on it). */
export const registrationId = (eventId: string, personId: string) => `r-${personId}-${eventId}`

/** A membership's id: one per person and network, reused when someone joins again. */
export const membershipId = (networkId: string, personId: string) => `m-${personId}-${networkId}`

/** Every builder of a derived id, with the minted ids it takes: what the unit test walks. */
export const DERIVED_IDS = { registrationId, membershipId } satisfies Record<string, (a: string, b: string) => string>
