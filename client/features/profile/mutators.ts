import { patchRows, type MutatorTable } from '../../sync/localRows.ts'

/** This feature's mutations as the device applies them at once (see `client/sync/mutators.ts`). */
export const PROFILE_MUTATORS = {
  'profile.update': async (db, { patch }, now) => {
    const own = await db.profiles.toArray()
    return (await Promise.all(own.map((p) => patchRows(db, 'profiles', p.id, { ...patch, updatedAt: now })))).flat()
  },
  'profile.setVisibility': async (db, { visibility }, now) => {
    const own = await db.profiles.toArray()
    return (await Promise.all(own.map((p) => patchRows(db, 'profiles', p.id, { visibility, updatedAt: now })))).flat()
  },
  // The image goes to the server through the outbox; the device shows it once the server has it.
  'profile.setPhoto': () => Promise.resolve([]),
  'profile.setLocale': () => Promise.resolve([]),
} satisfies Partial<MutatorTable>
