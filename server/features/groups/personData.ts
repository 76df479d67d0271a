import type { PersonDataRules } from '../../db/personTables.ts'

export const GROUP_PERSON_DATA = {
  groupFollower: { exportAs: 'groupsFollowed', columns: ['groupId', 'createdAt'] },
  groupFlag: { exportAs: 'groupsFlagged', columns: ['groupId', 'flaggedAt'] },
} as const satisfies PersonDataRules
