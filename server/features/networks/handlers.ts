import type { HandlerTable } from '../../sync/mutationContext.ts'
import { createNetwork, updateNetwork } from './mutations.ts'
import { removeBoardSeat, saveBoardSeat } from './boardSeats.ts'

export const NETWORK_HANDLERS = {
  'network.create': createNetwork,
  'network.update': updateNetwork,
  'boardSeat.save': saveBoardSeat,
  'boardSeat.remove': removeBoardSeat,
} satisfies Partial<HandlerTable>
