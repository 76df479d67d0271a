import { randomUUID } from 'node:crypto'
import type { z } from 'zod'

/** A seeded random source (mulberry32), so a failing fuzz run can be repeated from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** What a hostile or broken device sends where text is expected. */
const NASTY_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'Kari\r\nATTENDEE:mailto:evil@example.org',
  '=HYPERLINK("https://evil.example")',
  "=cmd|' /C calc'!A0",
  '@SUM(1)',
  '+1',
  '-1',
  '<script>alert(1)</script>',
  "'; drop table person; --",
  '\u202Eevil',
  '👋🏽',
  'x'.repeat(201),
  'x'.repeat(25_000),
  'bell\u0007',
  'not-a-date',
  '2026-13-45T99:00:00Z',
  'javascript:alert(1)',
  'ftp://x.example',
  '../../etc/passwd',
  '%00',
  '\uD800',
]

/** Text that is well formed for some field, so many generated changes get past validation into the handlers. */
const PLAUSIBLE_STRINGS = [
  'Kari Nordmann',
  'Oslo',
  'Informatikk',
  'Fagdag om KI',
  'fagdag-om-ki',
  'mat',
  '12:30',
  '18:00',
  'kari@example.org',
  'https://www.uio.no/',
  'linkedin.com/in/kari',
  '2026-12-24',
  '2027-01-15T17:00:00.000Z',
  '2026-12-02T10:00:00.000Z',
  '/9j/4AAQSkZJRgABAQAAAQABAAD',
  'Mat og drikke\nTa med venner',
  'mentor',
  'master',
]

const NUMBERS = [
  0,
  1,
  -1,
  2,
  3,
  5,
  60,
  100,
  1000,
  1.5,
  2025,
  2030,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 53 - 1,
  -(2 ** 31) - 1,
  1e308,
]

interface Def {
  type: string
  shape?: Record<string, z.ZodType>
  innerType?: z.ZodType
  in?: z.ZodType
  out?: z.ZodType
  element?: z.ZodType
  options?: z.ZodType[]
  entries?: Record<string, string>
  values?: unknown[]
  keyType?: z.ZodType
  valueType?: z.ZodType
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def

/**
 * Generates arguments for a schema as a fuzzer would: mostly values the
 * field's own schema accepts (ids of real rows from `ids`, plausible text,
 * boundary numbers), so the handlers run, and otherwise hostile ones (NUL,
 * CR/LF, formulas, 2^31, wrong types, missing and extra keys).
 */
export function fuzzValue(schema: z.ZodType, random: () => number, ids: readonly string[], depth = 0): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const leaf = (pool: readonly unknown[]) => {
    const fitting = pool.filter((v) => schema.safeParse(v).success)
    return fitting.length > 0 && random() < 0.75 ? pick(fitting) : pick(pool)
  }
  const def = defOf(schema)
  if (depth > 8) return null
  if (random() < 0.03) return pick<unknown>([null, 7, 'x', [], {}, true])
  switch (def.type) {
    case 'object': {
      const value: Record<string, unknown> = {}
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        if (random() < 0.04) continue
        value[key] = fuzzValue(field, random, ids, depth + 1)
      }
      if (random() < 0.03) value.unexpected = 'x'
      return value
    }
    case 'optional':
    case 'default':
      return random() < 0.25 ? undefined : fuzzValue(def.innerType!, random, ids, depth + 1)
    case 'nullable':
      return random() < 0.25 ? null : fuzzValue(def.innerType!, random, ids, depth + 1)
    case 'pipe':
      return fuzzValue(defOf(def.in!).type === 'transform' ? def.out! : def.in!, random, ids, depth + 1)
    case 'string':
      return leaf([...ids, ...ids, randomUUID(), `p-${randomUUID()}`, ...PLAUSIBLE_STRINGS, ...NASTY_STRINGS])
    case 'number':
      return leaf(NUMBERS)
    case 'boolean':
      return random() < 0.5
    case 'enum':
      return random() < 0.9 ? pick(Object.values(def.entries ?? {})) : 'no-such-choice'
    case 'literal':
      return pick(def.values ?? [])
    case 'array': {
      const length = random() < 0.1 ? 40 : Math.floor(random() * 4)
      return Array.from({ length }, () => fuzzValue(def.element!, random, ids, depth + 1))
    }
    case 'union':
      return fuzzValue(pick(def.options ?? []), random, ids, depth + 1)
    case 'record': {
      const entries = Array.from({ length: Math.floor(random() * 3) }, () => [
        fuzzValue(def.keyType!, random, ids, depth + 1),
        fuzzValue(def.valueType!, random, ids, depth + 1),
      ])
      return Object.fromEntries(entries.filter(([k]) => typeof k === 'string'))
    }
    default:
      return leaf([...PLAUSIBLE_STRINGS, ...NUMBERS])
  }
}
