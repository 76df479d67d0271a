import { describe, expect, it } from 'vitest'
import { inviteesOf, readInviteeTable } from './invitees.ts'

describe('reading invitees from a spreadsheet', () => {
  it('reads a semicolon file with a BOM and a Norwegian header in any column order', () => {
    const table = readInviteeTable(
      '\uFEFFKull;Navn;E-post\n2016;Kari Nordmann;KARI@example.org\n2017;"Berg; Jonas";jonas@example.org\n',
    )
    expect(table.delimiter).toBe(';')
    expect(table.header).toEqual(['Kull', 'Navn', 'E-post'])
    expect(table.columns).toEqual(['cohort', 'name', 'email'])
    expect(inviteesOf(table).invitees).toEqual([
      { line: 2, email: 'kari@example.org', name: 'Kari Nordmann' },
      { line: 3, email: 'jonas@example.org', name: 'Berg; Jonas' },
    ])
  })

  it('reads commas and tabs, English headers, and a file with no header at all', () => {
    expect(inviteesOf(readInviteeTable('name,email\nOla,ola@example.org')).invitees).toEqual([
      { line: 2, email: 'ola@example.org', name: 'Ola' },
    ])
    expect(inviteesOf(readInviteeTable('e-mail\tfull name\nola@example.org\tOla N')).invitees).toEqual([
      { line: 2, email: 'ola@example.org', name: 'Ola N' },
    ])
    const bare = readInviteeTable('Ola Nordmann,ola@example.org\nKari,kari@example.org')
    expect(bare.header).toBeNull()
    expect(bare.columns).toEqual(['name', 'email'])
    expect(inviteesOf(bare).invitees.map((i) => i.email)).toEqual(['ola@example.org', 'kari@example.org'])
  })

  it('lets the address column be picked by hand when no header names it', () => {
    const table = readInviteeTable('Kolonne A;Kolonne B\nOla;ola@example.org\nKari;kari@example.org')
    expect(table.header).toEqual(['Kolonne A', 'Kolonne B'])
    expect(table.columns).toEqual(['other', 'email'])
    expect(inviteesOf(table).invitees.map((i) => i.email)).toEqual(['ola@example.org', 'kari@example.org'])
    // Picked by hand, wrongly: every line says why it was not taken.
    expect(inviteesOf({ ...table, columns: ['email', 'other'] }).errors.map((e) => e.reason)).toEqual([
      'badEmail',
      'badEmail',
    ])
  })

  it('names each bad line with its spreadsheet line number and why: no address, a bad one, a repeat', () => {
    const { invitees, errors } = inviteesOf(
      readInviteeTable(
        'E-post,Navn\nola@example.org,Ola\n,Uten adresse\nikke en adresse,X\nOLA@example.org,Ola igjen\n"kari@example.org","Kari\nmed linjeskift"\nper@example.org,Per',
      ),
    )
    expect(errors).toEqual([
      { line: 3, value: 'Uten adresse', reason: 'noEmail' },
      { line: 4, value: 'ikke en adresse', reason: 'badEmail' },
      { line: 5, value: 'OLA@example.org', reason: 'duplicate' },
    ])
    expect(invitees.map((i) => [i.line, i.email])).toEqual([
      [2, 'ola@example.org'],
      [6, 'kari@example.org'],
      [8, 'per@example.org'],
    ])
  })
})
