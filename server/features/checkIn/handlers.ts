import type { HandlerTable } from '../../sync/mutationContext.ts'
import { recordScan, selfCheckIn } from './scans.ts'
import { decideWalkIn, recordWalkIn } from './walkIns.ts'
import { giveFeedback } from './feedback.ts'

export const CHECK_IN_HANDLERS = {
  'checkIn.record': recordScan,
  'checkIn.walkIn': recordWalkIn,
  'checkIn.self': selfCheckIn,
  'walkIn.decide': decideWalkIn,
  'feedback.give': giveFeedback,
} satisfies Partial<HandlerTable>
