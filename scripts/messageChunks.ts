import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'
import { baseCompile } from '@intlify/message-compiler'
import { splitMessages } from '../client/i18n/firstRouteMessages.ts'

const PREFIX = 'virtual:messages/'
type Messages = { [key: string]: string | Messages }

/**
 * Every message compiled to vue-i18n's AST at build time, so the app ships
 * without the message compiler (`__INTLIFY_DROP_MESSAGE_COMPILER__`) and a
 * cheap phone does not parse each message the first time it is shown.
 */
export function compileMessages(messages: Messages): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(messages).map(([key, value]) => [
      key,
      typeof value === 'string' ? compileMessage(key, value) : compileMessages(value),
    ]),
  )
}

/** One message's AST, or the text itself where it is plain text (vue-i18n shows a string as it is). */
function compileMessage(key: string, text: string): unknown {
  const { ast } = baseCompile(text, {
    jit: true,
    minify: true,
    location: false,
    onError: (error) => {
      throw new Error(`message "${key}" does not compile: ${error.message}`)
    },
  })
  const body = (ast as unknown as { b?: { s?: string } }).b
  return body?.s === text ? text : ast
}

/**
 * Vite plugin: the app's messages as modules. `virtual:messages/nb/head` and
 * `virtual:messages/nb/rest` are bokmål cut in two (see
 * `client/i18n/firstRouteMessages.ts`), so the first route carries only the
 * messages it shows; `virtual:messages/nn/all` and `…/en/all` are the other
 * languages whole. The JSON files stay as they are: they are what translators
 * edit and what the message tests read.
 */
export function messageChunks(): Plugin {
  return {
    name: 'message-chunks',
    resolveId: (id) => (id.startsWith(PREFIX) ? `\0${id}` : null),
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null
      const [locale, part] = id.slice(PREFIX.length + 1).split('/')
      if (!['nb', 'nn', 'en'].includes(locale!) || !['head', 'rest', 'all'].includes(part!)) return null
      const file = new URL(`../client/i18n/${locale}.json`, import.meta.url)
      this.addWatchFile(file.pathname)
      const messages = JSON.parse(readFileSync(file, 'utf8')) as Messages
      const { head, rest } = splitMessages(messages)
      const picked = part === 'head' ? head : part === 'rest' ? rest : messages
      return `export default ${JSON.stringify(compileMessages(picked))}`
    },
  }
}
