import type { HandlerTable } from '../../sync/mutationContext.ts'
import { decideMembership, giveConsent, joinNetwork, leaveNetwork, removeMember, setMemberRole } from './mutations.ts'

export const MEMBERSHIP_HANDLERS = {
  'membership.join': joinNetwork,
  'membership.leave': leaveNetwork,
  'membership.decide': decideMembership,
  'membership.setRole': setMemberRole,
  'membership.remove': removeMember,
  'membership.consent': giveConsent,
} satisfies Partial<HandlerTable>
