import { describe, expect, it } from 'vitest'
import { withMemberFields } from './derivedFields.ts'

const SCOPE = 'network:n1:staff'
const entry = (role: string) => ({ id: 'p1', name: 'Åse Sæther', role, employer: 'NRK', _key: `${SCOPE}|p1` })

describe('fields the device adds to a directory entry', () => {
  it('puts those who run the network, and only them, in the sparse index', () => {
    expect(withMemberFields(entry('admin'), SCOPE)._runs).toBe(SCOPE)
    expect(withMemberFields(entry('board'), SCOPE)._runs).toBe(SCOPE)
    expect(withMemberFields(entry('member'), SCOPE)).not.toHaveProperty('_runs')
  })

  it('takes a member stepping down out of the index, and keeps the search fields current', () => {
    const asBoard = withMemberFields(entry('board'), SCOPE)
    const steppedDown = withMemberFields({ ...asBoard, role: 'member', employer: 'Equinor' }, SCOPE)
    expect(steppedDown).not.toHaveProperty('_runs')
    expect(steppedDown._s).toBe(' åse sæther equinor')
    expect(steppedDown._o).toBe('åse sæther')
  })
})
