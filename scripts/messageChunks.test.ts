import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import nb from '../client/i18n/nb.json'
import nn from '../client/i18n/nn.json'
import en from '../client/i18n/en.json'
import { compileMessages } from './messageChunks.ts'

type Tree = { [key: string]: string | Tree }
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)))
const NAMED = { n: 2, name: 'Kari', email: 'k@x.no', sent: 3, invited: 1, members: 5, line: 7, value: 'v' }

describe('messages compiled at build time', () => {
  it.each([
    ['nb', nb],
    ['nn', nn],
    ['en', en],
  ] as const)('read exactly as the runtime compiler reads them (%s), plurals and links too', (locale, messages) => {
    const fromSource = createI18n({ legacy: false, locale, messages: { [locale]: messages } })
    const fromAst = createI18n({
      legacy: false,
      locale,
      messages: { [locale]: compileMessages(messages) as typeof messages },
    })
    for (const key of keys(messages)) {
      for (const n of [0, 1, 2]) {
        expect(fromAst.global.t(key, { ...NAMED, n }, n), key).toBe(fromSource.global.t(key, { ...NAMED, n }, n))
      }
    }
  })

  it('keep plain text as text and compile only what has syntax', () => {
    expect(compileMessages({ a: 'Hei', b: 'Hei {name}' })).toMatchObject({ a: 'Hei', b: { t: 0 } })
  })

  it('name the message that does not compile', () => {
    expect(() => compileMessages({ broken: 'Hei {name' })).toThrow(/broken/)
  })
})
