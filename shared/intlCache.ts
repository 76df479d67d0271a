// Making an Intl formatter costs far more than using one (on a cheap phone, tens of milliseconds for the
// first of a kind): every formatter the app makes is kept, one per language and set of options.
const made = new Map<string, unknown>()

/** The formatter for `key` (a language tag and its options), made the first time it is asked for. */
export function intlFormatter<T>(kind: string, tag: string, options: object, make: () => T): T {
  const key = `${kind}|${tag}|${JSON.stringify(options)}`
  let found = made.get(key) as T | undefined
  if (found === undefined) made.set(key, (found = make()))
  return found
}
