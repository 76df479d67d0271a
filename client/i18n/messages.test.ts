import { describe, expect, it } from 'vitest'
import nb from './nb.json'
import en from './en.json'
import { PROBLEM_TYPES } from '../../shared/problemTypes.ts'
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

describe('translations', () => {
  it('has the same keys in bokmål and English', () => {
    expect(keys(en).sort()).toEqual(keys(nb).sort())
  })

  it('has a message for every problem type the API can answer with', () => {
    for (const type of PROBLEM_TYPES) {
      expect(lookup(nb, `problem.${type}`), type).toBeTypeOf('string')
      expect(lookup(en, `problem.${type}`), type).toBeTypeOf('string')
    }
  })

  it('names every change a device can queue, for the list of refused changes', () => {
    for (const name of Object.keys(MUTATIONS)) expect(lookup(nb, `sync.what.${name}`), name).toBeTypeOf('string')
  })
})

describe('message syntax', () => {
  it('compiles every message in both languages (an unescaped @, { or | breaks a page at run time)', async () => {
    const { createI18n } = await import('vue-i18n')
    for (const [locale, messages] of [
      ['nb', nb],
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
