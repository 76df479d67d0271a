/**
 * The message namespaces (or single keys) the first route shows: the app's
 * frame (skip link, header, sync badge and progress, bottom navigation, the
 * update prompt, the footer link) and the networks list. Only these ship with
 * the first route's JavaScript; the rest of bokmål is its own chunk, loaded
 * at once after start and awaited before any other route renders. A test
 * (`firstRouteMessages.test.ts`) fails when a first-route component uses a
 * key outside this list.
 */
export const FIRST_ROUTE_MESSAGES = ['app', 'nav', 'networks', 'update', 'sync', 'a11y.link'] as const

type Messages = { [key: string]: string | Messages }

/** A message tree cut in two: the keys the first route needs, and everything else. */
export function splitMessages(messages: Messages, first: readonly string[] = FIRST_ROUTE_MESSAGES) {
  const head: Messages = {}
  const rest: Messages = {}
  for (const [namespace, value] of Object.entries(messages)) {
    if (first.includes(namespace)) {
      head[namespace] = value
      continue
    }
    const keys = first.filter((k) => k.startsWith(`${namespace}.`)).map((k) => k.slice(namespace.length + 1))
    if (keys.length === 0 || typeof value === 'string') {
      rest[namespace] = value
      continue
    }
    const picked = Object.fromEntries(Object.entries(value).filter(([k]) => keys.includes(k)))
    const left = Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)))
    head[namespace] = picked
    if (Object.keys(left).length > 0) rest[namespace] = left
  }
  return { head, rest }
}

/**
 * The inverse of {@link splitMessages}: the two parts as one tree, sharing their messages rather than copying
 * them. vue-i18n's `mergeLocaleMessage` copies every node of every compiled message, about 40 ms of a cheap
 * phone's start; a namespace is cut at most one level down, so joining the shared ones is enough.
 */
export function joinMessages<T extends object>(head: T, rest: T): T {
  const joined: Record<string, unknown> = { ...(head as Record<string, unknown>) }
  for (const [namespace, value] of Object.entries(rest)) {
    const first = joined[namespace]
    joined[namespace] = isTree(first) && isTree(value) ? { ...first, ...value } : value
  }
  return joined as T
}

const isTree = (value: unknown): value is object => typeof value === 'object' && value !== null
