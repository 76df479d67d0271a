import { deleteRows, patchRows, putRow, type MutatorTable } from '../../sync/localRows.ts'
import { PUBLIC_SCOPE } from '../../../shared/sync/scopes.ts'
import { blankNetwork } from '../../../shared/blankNetwork.ts'

/** This feature's mutations as the device applies them at once (see `client/sync/mutators.ts`). */
export const NETWORK_MUTATORS = {
  'network.create': (db, { network }, now) => putRow(db, 'networks', PUBLIC_SCOPE, blankNetwork(network, now)),
  'network.update': (db, { networkId, patch }, now) =>
    patchRows(db, 'networks', networkId, { ...patch, updatedAt: now }),
  'boardSeat.save': (db, { seat }) => putRow(db, 'boardSeats', PUBLIC_SCOPE, seat),
  'boardSeat.remove': (db, { seatId }) => deleteRows(db, 'boardSeats', seatId),
} satisfies Partial<MutatorTable>
