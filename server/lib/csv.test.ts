import { describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { csvFile } from './csv.ts'

describe('CSV files', () => {
  it('keeps formulas as text: every cell that a spreadsheet would run is prefixed with a quote mark', () => {
    const hostile = [
      '=HYPERLINK("https://evil.example","klikk")',
      "=cmd|' /C calc'!A0",
      '+47 22 85 50 50',
      '-2+3',
      '@SUM(A1:A2)',
      '\t=1',
      '\r=1',
    ]
    const text = csvFile([['name'], ...hostile.map((h) => [h])])
    expect(text.startsWith('\uFEFF')).toBe(true)
    const cells = (parse(text, { bom: true }) as string[][]).slice(1).map((r) => r[0])
    expect(cells).toEqual(hostile.map((h) => `'${h}`))
  })

  it('leaves ordinary text, numbers and dates alone', () => {
    const text = csvFile([['Kari Nordmann', 'Ærlig, "sa hun"', 3, '2026-12-02T10:00:00.000Z']])
    expect(parse(text, { bom: true })).toEqual([['Kari Nordmann', 'Ærlig, "sa hun"', '3', '2026-12-02T10:00:00.000Z']])
  })
})
