import { parse } from 'csv-parse/sync'
import { GraduateLineSchema, type GraduateLine, type GraduateLineProblem } from '../../../shared/schemas/graduates.ts'

/** The names a register's export gives each value, compared without case, spaces, dashes or underscores. */
const COLUMN_NAMES: Record<string, string[]> = {
  studentNumber: ['studentnummer', 'studentnr', 'studentnumber', 'studentid'],
  nationalId: ['fødselsnummer', 'fodselsnummer', 'fnr', 'personnummer', 'nationalid', 'nationalidnumber'],
  email: ['epost', 'epostadresse', 'email', 'emailaddress', 'mail'],
  name: ['navn', 'name', 'fulltnavn', 'fullname'],
  firstName: ['fornavn', 'firstname', 'givenname'],
  lastName: ['etternavn', 'lastname', 'surname', 'familyname'],
  programmeCode: ['programkode', 'studieprogramkode', 'programmecode', 'programcode'],
  programme: ['programnavn', 'studieprogram', 'studieprogramnavn', 'programme', 'program', 'programmename'],
  degree: ['grad', 'degree', 'kvalifikasjon', 'vitnemål', 'vitnemal'],
  graduatedOn: ['uteksamineringsdato', 'dato', 'graduatedon', 'graduationdate', 'vitnemålsdato', 'vitnemalsdato'],
  term: ['termin', 'semester', 'uteksamineringstermin', 'graduationterm', 'term'],
  year: ['år', 'ar', 'year', 'uteksamineringsår', 'graduationyear', 'kull'],
  credits: ['studiepoeng', 'sp', 'credits', 'ects'],
}
const normalise = (header: string) => header.toLocaleLowerCase('nb').replace(/[\s_\-.]/g, '')

export type GraduateFileLine =
  | { line: number; value: GraduateLine }
  | { line: number; name: string | null; field: string; problem: GraduateLineProblem }

/** A degree as registers write it: bachelor, master (and the old cand. degrees), ph.d., or other. */
function degreeOf(text: string): GraduateLine['degree'] {
  const t = text.toLocaleLowerCase('nb')
  if (/ph\.?\s?d|doktor/.test(t)) return 'phd'
  if (/master|cand\.|candidat|siv\.ing|sivilingeniør|lektor/.test(t)) return 'master'
  if (/bachelor|bachelorgrad|høgskolekandidat|cand\.mag/.test(t)) return 'bachelor'
  return 'other'
}

/** "2019-06-14", "14.06.2019" or "14/06/2019" as an ISO date; null for anything else. */
function dateOf(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  const norwegian = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text)
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]]
    : norwegian
      ? [norwegian[3], norwegian[2]!.padStart(2, '0'), norwegian[1]!.padStart(2, '0')]
      : []
  if (!y) return null
  const date = `${y}-${m}-${d}`
  return Number.isNaN(Date.parse(date)) || new Date(date).toISOString().slice(0, 10) !== date ? null : date
}

/** The year of a term as FS writes it: "2019 VÅR", "VÅR 2019", "2019H", "H2019", "høst 2019". */
function termYear(text: string): number | null {
  const year = /(19|20)\d{2}/.exec(text)
  return year ? Number(year[0]) : null
}

/**
 * Whether an 11-digit national id number (fødselsnummer, or a D-number) has
 * the two check digits the Norwegian registry gives it (modulus 11).
 */
export function hasValidCheckDigits(id: string): boolean {
  const digits = [...id].map(Number)
  const checkDigit = (weights: number[]) => {
    const k = 11 - (weights.reduce((sum, w, i) => sum + w * digits[i]!, 0) % 11)
    return k === 11 ? 0 : k
  }
  return (
    checkDigit([3, 7, 6, 1, 8, 9, 4, 5, 2]) === digits[9] && checkDigit([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) === digits[10]
  )
}

/**
 * Reads a graduate list as student registers export it: comma or semicolon
 * separated, UTF-8 with or without a byte order mark, one header line whose
 * columns are recognised by their usual Norwegian or English names (see
 * `COLUMN_NAMES`), in any order. Each line comes back as a graduate or as
 * what is wrong with it (the field and why), by its line number in the file.
 */
export function readGraduateFile(csv: string): { columns: string[]; lines: GraduateFileLine[] } {
  const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows = parse(csv, {
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[]
  const [header, ...body] = rows
  if (!header) return { columns: [], lines: [] }
  const index: Record<string, number> = {}
  header.record.forEach((name, i) => {
    const key = Object.keys(COLUMN_NAMES).find((k) => COLUMN_NAMES[k]!.includes(normalise(name)))
    if (key && index[key] === undefined) index[key] = i
  })
  const columns = Object.keys(index)
  const lines = body.map(({ record, info }): GraduateFileLine => {
    const cell = (key: string) => {
      const i = index[key]
      const value = i === undefined ? '' : (record[i] ?? '')
      return value === '' ? null : value
    }
    const name = cell('name') ?? ([cell('firstName'), cell('lastName')].filter(Boolean).join(' ') || null)
    const graduatedOnText = cell('graduatedOn')
    const graduatedOn = graduatedOnText ? dateOf(graduatedOnText) : null
    if (graduatedOnText && !graduatedOn) return { line: info.lines, name, field: 'graduatedOn', problem: 'notADate' }
    const year = graduatedOn ? Number(graduatedOn.slice(0, 4)) : termYear(cell('term') ?? cell('year') ?? '')
    const nationalId = cell('nationalId')?.replace(/\s/g, '') ?? null
    if (nationalId && /^\d{11}$/.test(nationalId) && !hasValidCheckDigits(nationalId))
      return { line: info.lines, name, field: 'nationalId', problem: 'checkDigits' }
    const creditsText = cell('credits')
    const credits = creditsText === null ? 0 : Math.round(Number(creditsText.replace(',', '.')))
    const parsed = GraduateLineSchema.safeParse({
      studentNumber: cell('studentNumber'),
      nationalId,
      email: cell('email')?.toLocaleLowerCase('en') ?? null,
      name,
      programmeCode: cell('programmeCode'),
      programme: cell('programme'),
      degree: degreeOf(cell('degree') ?? ''),
      graduatedOn,
      graduationYear: year,
      credits: Number.isNaN(credits) ? -1 : credits,
    })
    if (parsed.success) return { line: info.lines, value: parsed.data }
    const issue = parsed.error.issues[0]!
    const field = String(issue.path[0] ?? 'line')
    const isMissing = field === 'graduationYear' ? year === null : cell(field) === null
    return { line: info.lines, name, field, problem: isMissing ? 'missing' : 'invalid' }
  })
  return { columns, lines }
}
