import type { HandlerTable } from '../../sync/mutationContext.ts'
import { createGroup, flagGroupDormant, followGroup, setGroupStatus } from './mutations.ts'

export const GROUP_HANDLERS = {
  'group.create': createGroup,
  'group.flagDormant': flagGroupDormant,
  'group.setStatus': setGroupStatus,
  'group.follow': followGroup,
} satisfies Partial<HandlerTable>
