import { stringify } from 'csv-stringify/sync'

/**
 * A CSV file as spreadsheet users open it, the one way every export writes
 * one: a byte order mark so Excel reads Norwegian letters as UTF-8, and any
 * cell that starts with `=`, `+`, `-`, `@`, tab or CR prefixed with `'`
 * (OWASP's advice on CSV injection), so a name like `=HYPERLINK(…)` stays text.
 */
export function csvFile(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows as unknown[][], { bom: true, escape_formulas: true })
}
