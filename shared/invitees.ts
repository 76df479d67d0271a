import Papa from 'papaparse'
import { EmailSchema } from './schemas/common.ts'

/**
 * Invitees from a spreadsheet's CSV as people have them: comma, semicolon or
 * tab (guessed from the file), UTF-8 with or without BOM, a header row in any
 * column order ("E-post;Navn;Kull", "name,email") or none, and the address
 * column picked by hand when nothing says which it is. The same reading runs
 * on the staff phone (for the preview) and on the server.
 */

/** What a column holds, as a header names it. */
export type ColumnRole = 'email' | 'name' | 'cohort' | 'other'

const HEADER_NAMES: Record<Exclude<ColumnRole, 'other'>, RegExp> = {
  email: /^(e-?post(adresse)?|e-?mail(adresse| address)?|mail|epost)$/i,
  name: /^(navn|fullt navn|name|full name|namn)$/i,
  cohort: /^(kull|cohort|år|year|uteksaminert|graduation year)$/i,
}

export interface InviteeTable {
  /** Rows as read, header excluded; cells trimmed. */
  rows: { line: number; cells: string[] }[]
  /** The header's cells, when the first row is one. */
  header: string[] | null
  /** What each column holds, from the header or guessed from the cells. */
  columns: ColumnRole[]
  delimiter: string
}

function roleOfHeader(cell: string): ColumnRole {
  for (const [role, pattern] of Object.entries(HEADER_NAMES)) if (pattern.test(cell.trim())) return role as ColumnRole
  return 'other'
}

/** Reads the CSV text into rows and says what each column is; throws nothing (an unreadable file gives no rows). */
export function readInviteeTable(csv: string): InviteeTable {
  const text = csv.replace(/^\uFEFF/, '')
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [';', ',', '\t'], skipEmptyLines: 'greedy' })
  // Papa counts records; lines are counted as a spreadsheet shows them (a quoted cell may hold a line break).
  let line = 1
  const all = parsed.data.map((cells) => {
    const row = { line, cells: cells.map((c) => c.trim()) }
    line += 1 + cells.join('').split('\n').length - 1
    return row
  })
  const first = all[0]?.cells ?? []
  const headerRoles = first.map(roleOfHeader)
  // A first row without an address is a header when it names a column or the rows under it hold addresses.
  const isHeader =
    first.length > 0 &&
    !first.some((c) => c.includes('@')) &&
    (headerRoles.some((r) => r !== 'other') || all.slice(1).some((r) => r.cells.some((c) => c.includes('@'))))
  const rows = isHeader ? all.slice(1) : all
  const width = Math.max(0, ...all.map((r) => r.cells.length))
  let columns: ColumnRole[] = isHeader ? headerRoles : Array.from({ length: width }, () => 'other' as ColumnRole)
  if (!columns.includes('email')) {
    // No header says it: the column where most cells are addresses, and a name beside it if any.
    const hits = Array.from({ length: width }, (_, i) => rows.filter((r) => (r.cells[i] ?? '').includes('@')).length)
    const best = hits.indexOf(Math.max(...hits))
    if (best >= 0 && hits[best]! > 0) {
      columns = columns.map((role, i) => (i === best ? 'email' : role))
      if (!isHeader && !columns.includes('name')) {
        const other = columns.findIndex((role, i) => role === 'other' && i !== best)
        if (other >= 0) columns[other] = 'name'
      }
    }
  }
  return { rows, header: isHeader ? first : null, columns, delimiter: parsed.meta.delimiter }
}

export interface InviteeLineError {
  line: number
  value: string
  reason: 'noEmail' | 'badEmail' | 'duplicate'
}

/**
 * The invitees of a table with its columns as chosen: valid addresses
 * (lower case, each once) with their names, and every line that is not one,
 * with why.
 */
export function inviteesOf(table: Pick<InviteeTable, 'rows' | 'columns'>): {
  invitees: { line: number; email: string; name: string | null }[]
  errors: InviteeLineError[]
} {
  const emailAt = table.columns.indexOf('email')
  const nameAt = table.columns.indexOf('name')
  const invitees: { line: number; email: string; name: string | null }[] = []
  const errors: InviteeLineError[] = []
  const seen = new Set<string>()
  for (const row of table.rows) {
    const value = emailAt >= 0 ? (row.cells[emailAt] ?? '') : ''
    if (!value) {
      errors.push({ line: row.line, value: row.cells.filter(Boolean).join(' '), reason: 'noEmail' })
      continue
    }
    const parsed = EmailSchema.safeParse(value.toLowerCase())
    if (!parsed.success) {
      errors.push({ line: row.line, value, reason: 'badEmail' })
      continue
    }
    if (seen.has(parsed.data)) {
      errors.push({ line: row.line, value, reason: 'duplicate' })
      continue
    }
    seen.add(parsed.data)
    invitees.push({ line: row.line, email: parsed.data, name: (nameAt >= 0 ? row.cells[nameAt] : '') || null })
  }
  return { invitees, errors }
}
