import type { HandlerTable } from '../../sync/mutationContext.ts'
import { reportBarrier } from './mutations.ts'

export const ACCESSIBILITY_HANDLERS = {
  'barrier.report': reportBarrier,
} satisfies Partial<HandlerTable>
