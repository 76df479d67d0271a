import type { Selectable } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { BoardSeat, Network } from '../../../shared/schemas/network.ts'
import type { Faculty, Institution } from '../../../shared/schemas/faculty.ts'

/** A network row as the API and devices see it (JSON columns parsed). */
export function toNetwork(row: Selectable<Database['network']>): Network {
  return {
    ...row,
    activities: JSON.parse(row.activities) as Network['activities'],
    admission: JSON.parse(row.admission) as Network['admission'],
    channels: JSON.parse(row.channels) as Network['channels'],
  }
}

/** A network as stored: the inverse of `toNetwork`. */
export function fromNetwork(network: Network): Database['network'] {
  return {
    ...network,
    activities: JSON.stringify(network.activities),
    admission: JSON.stringify(network.admission),
    channels: JSON.stringify(network.channels),
  }
}

export function toBoardSeat(row: Selectable<Database['boardSeat']>): BoardSeat {
  return row as BoardSeat
}

export function toFaculty(row: Selectable<Database['faculty']>): Faculty {
  return row
}

export function toInstitution(row: Selectable<Database['institution']>): Institution {
  return row
}
