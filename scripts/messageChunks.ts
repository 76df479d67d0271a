import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'
import { splitMessages } from '../client/i18n/firstRouteMessages.ts'

const PREFIX = 'virtual:messages/'

/**
 * Vite plugin: `virtual:messages/nb/head` and `virtual:messages/nb/rest` are
 * bokmål cut in two (see `client/i18n/firstRouteMessages.ts`), so the first
 * route carries only the messages it shows. The JSON files stay whole: they
 * are what translators edit and what the message tests read.
 */
export function messageChunks(): Plugin {
  return {
    name: 'message-chunks',
    resolveId: (id) => (id.startsWith(PREFIX) ? `\0${id}` : null),
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null
      const [locale, part] = id.slice(PREFIX.length + 1).split('/')
      const file = new URL(`../client/i18n/${locale}.json`, import.meta.url)
      this.addWatchFile(file.pathname)
      const { head, rest } = splitMessages(JSON.parse(readFileSync(file, 'utf8')))
      return `export default ${JSON.stringify(part === 'head' ? head : rest)}`
    },
  }
}
