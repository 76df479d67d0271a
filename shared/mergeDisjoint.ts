type Intersection<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void ? I : never

/**
 * Merges the parts each feature registers (entities, mutations, handlers,
 * device tables) into one record. A name registered twice is a mistake
 * that a plain spread would hide by keeping the last: this throws instead.
 */
export function mergeDisjoint<const Parts extends readonly object[]>(...parts: Parts): Intersection<Parts[number]> {
  const merged: Record<string, unknown> = {}
  for (const part of parts) {
    for (const [name, value] of Object.entries(part)) {
      if (Object.hasOwn(merged, name)) throw new Error(`${name} is registered by two features`)
      merged[name] = value
    }
  }
  return merged as Intersection<Parts[number]>
}
