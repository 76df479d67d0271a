import { describe, expect, it } from 'vitest'
import nb from './nb.json'
import en from './en.json'
import nn from './nn.json'
import { PROBLEM_TYPES } from '../../shared/problemTypes.ts'
import { z } from 'zod'
import { MUTATIONS } from '../../shared/sync/mutations.ts'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

function lookup(messages: object, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages)
}

/** The names of the values a person can get wrong in a change: every scalar field but ids, at any depth. */
function scalarFields(schema: z.core.JSONSchema.BaseSchema, into = new Set<string>(), name?: string): Set<string> {
  const isScalar = ['string', 'number', 'integer', 'boolean'].includes(String(schema.type))
  if (name && isScalar && schema.format !== 'uuid' && !/(^id|Id)$/.test(name)) into.add(name)
  const isScalarChoice = schema.anyOf?.every((s) => typeof s === 'object' && s.type !== 'object')
  if (name && isScalarChoice) into.add(name)
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    if (typeof child === 'object') scalarFields(child, into, key)
  const items = schema.items
  for (const child of Array.isArray(items) ? items : items ? [items] : [])
    if (typeof child === 'object') scalarFields(child, into, name)
  for (const child of schema.anyOf ?? []) if (typeof child === 'object') scalarFields(child, into)
  return into
}

describe('translations', () => {
  it('has the same keys in bokmål, nynorsk and English (språklova § 14: every form in both written standards)', () => {
    expect(keys(nn).sort()).toEqual(keys(nb).sort())
    expect(keys(en).sort()).toEqual(keys(nb).sort())
  })

  it('has the same placeholders and the same number of plural forms in every language', () => {
    const shape = (text: unknown) => ({
      placeholders: [...String(text).matchAll(/\{[^}]*\}/g)].map((m) => m[0]).sort(),
      forms: String(text).split('|').length,
    })
    for (const key of keys(nb))
      for (const [name, messages] of [
        ['nn', nn],
        ['en', en],
      ] as const)
        expect(shape(lookup(messages, key)), `${name}: ${key}`).toEqual(shape(lookup(nb, key)))
  })

  it('writes nynorsk, not bokmål with a few words changed: no common bokmål-only word is left', () => {
    const BOKMAL =
      /\b(ikke|hvem|hva|hvor|hvordan|noen|noe|bare|mye|fra|deg selv|dere|lenken|begge|hvis|uten|være|ble|blir gjort|henter|sendes|vises|lagres|velg)\b/i
    const slips = keys(nn).filter((key) => BOKMAL.test(String(lookup(nn, key))))
    expect(slips).toEqual([])
  })

  it('has a message for every problem type the API can answer with', () => {
    for (const type of PROBLEM_TYPES) {
      expect(lookup(nb, `problem.${type}`), type).toBeTypeOf('string')
      expect(lookup(en, `problem.${type}`), type).toBeTypeOf('string')
    }
  })

  it("labels every field a change can carry, so a refusal names it in the reader's language", () => {
    const fields = new Set<string>()
    for (const schema of Object.values(MUTATIONS))
      scalarFields(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }), fields)
    expect(fields.size).toBeGreaterThan(40)
    for (const field of fields) expect(lookup(nb, `field.${field}`), field).toBeTypeOf('string')
  })

  it('names every change a device can queue, for the list of refused changes', () => {
    for (const name of Object.keys(MUTATIONS)) expect(lookup(nb, `sync.what.${name}`), name).toBeTypeOf('string')
  })
})

describe('message syntax', () => {
  it('compiles every message in every language (an unescaped @, { or | breaks a page at run time)', async () => {
    const { createI18n } = await import('vue-i18n')
    for (const [locale, messages] of [
      ['nb', nb],
      ['nn', nn],
      ['en', en],
    ] as const) {
      const i18n = createI18n({
        legacy: false,
        locale,
        messages: { [locale]: messages },
        missingWarn: false,
        fallbackWarn: false,
      })
      for (const key of keys(messages)) {
        expect(
          () =>
            i18n.global.t(key, { n: 2, name: 'x', email: 'x', sent: 1, invited: 1, members: 1, line: 1, value: 'x' }),
          `${locale}: ${key}`,
        ).not.toThrow()
      }
    }
  })
})
