import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import nb from './nb.json'
import { FIRST_ROUTE_MESSAGES, joinMessages, splitMessages } from './firstRouteMessages.ts'

/** The components the first route renders before the rest of bokmål has arrived. */
const FIRST_ROUTE_FILES = [
  'client/App.vue',
  'client/ui/BottomNav.vue',
  'client/ui/UpdatePrompt.vue',
  'client/features/sync/SyncBadge.vue',
  'client/features/sync/SyncProgress.vue',
  'client/features/networks/NetworksPage.vue',
]

describe('the messages that ship with the first route', () => {
  it('hold every key a first-route component uses', () => {
    for (const file of FIRST_ROUTE_FILES) {
      const source = readFileSync(file, 'utf8')
      // t('a.b'), t(`a.${x}`), and i18n-t keypath="a.b"
      for (const [, key] of source.matchAll(/\bt\(\s*['`]([a-zA-Z0-9.]+)/g)) {
        const isShipped = FIRST_ROUTE_MESSAGES.some((first) => key === first || key!.startsWith(`${first}.`))
        expect(isShipped, `${file} uses ${key}, which is not in FIRST_ROUTE_MESSAGES`).toBe(true)
      }
    }
  })

  it('split bokmål into two parts that together are the whole, with nothing twice', () => {
    type Tree = { [key: string]: string | Tree }
    const leaves = (tree: Tree, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : leaves(v, `${prefix}${k}.`)))
    const { head, rest } = splitMessages(nb)
    const [headKeys, restKeys] = [leaves(head), leaves(rest)]
    expect(headKeys.filter((k) => restKeys.includes(k))).toEqual([])
    expect([...headKeys, ...restKeys].sort()).toEqual(leaves(nb).sort())
    expect(headKeys).toContain('a11y.link')
    expect(headKeys.some((k) => k.startsWith('a11y.') && k !== 'a11y.link')).toBe(false)
  })

  it('join back into the whole tree, the two parts left as they were', () => {
    const { head, rest } = splitMessages(nb)
    const before = JSON.stringify({ head, rest })
    expect(joinMessages(head, rest)).toEqual(nb)
    expect(JSON.stringify({ head, rest })).toBe(before)
  })
})
