import { patchOwnSettings, patchRows, putRow, toggled, type MutatorTable } from '../../sync/localRows.ts'
import { PUBLIC_SCOPE } from '../../../shared/sync/scopes.ts'

/** This feature's mutations as the device applies them at once (see `client/sync/mutators.ts`). */
export const GROUP_MUTATORS = {
  // Shown at once as started by alumni; the server says whether it is the network's own.
  'group.create': (db, { group }, now) =>
    putRow(db, 'groups', PUBLIC_SCOPE, {
      ...group,
      startedBy: 'alumni',
      status: 'active',
      dormantFlags: 0,
      createdAt: now,
    }),
  // The count and the status come from the server: one person's flag counts once.
  'group.flagDormant': () => Promise.resolve([]),
  'group.setStatus': (db, { groupId, status }) =>
    patchRows(db, 'groups', groupId, status === 'active' ? { status, dormantFlags: 0 } : { status }),
  'group.follow': (db, { groupId, isOn }, now, personId) =>
    patchOwnSettings(db, personId, now, (own) => ({ followedGroups: toggled(own.followedGroups, groupId, isOn) })),
} satisfies Partial<MutatorTable>
