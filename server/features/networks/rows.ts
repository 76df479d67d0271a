import type { Insertable, Selectable } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { BoardSeat, Group, Network } from '../../../shared/schemas/network.ts'
import { localeOf } from '../../../shared/schemas/common.ts'
import type { Faculty, Institution } from '../../../shared/schemas/faculty.ts'

/** A network row as the API and devices see it (JSON columns parsed). */
export function toNetwork(row: Selectable<Database['network']>): Network {
  return {
    ...row,
    activities: JSON.parse(row.activities) as Network['activities'],
    admission: JSON.parse(row.admission) as Network['admission'],
    channels: JSON.parse(row.channels) as Network['channels'],
    benefits: JSON.parse(row.benefits) as Network['benefits'],
    language: localeOf(row.language),
  }
}

/** A network as stored: the inverse of `toNetwork`. */
export function fromNetwork(network: Network): Insertable<Database['network']> {
  return {
    ...network,
    activities: JSON.stringify(network.activities),
    admission: JSON.stringify(network.admission),
    channels: JSON.stringify(network.channels),
    benefits: JSON.stringify(network.benefits),
  }
}

/** A group as devices see it (who started it stays on the server). */
export function toGroup(row: Selectable<Database['networkGroup']>): Group {
  const { createdById: _createdBy, ...group } = row
  return group as Group
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
