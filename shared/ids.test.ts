import { describe, expect, it } from 'vitest'
import { DERIVED_IDS, NEW_ID_MAX } from './ids.ts'
import { IdSchema, NewIdSchema } from './schemas/common.ts'

const longest = (c: string) => `p-${c.repeat(NEW_ID_MAX - 2)}`

describe('ids', () => {
  it('mints the ids the app makes within the new-id limit', () => {
    expect(NewIdSchema.safeParse(`p-${crypto.randomUUID()}`).success).toBe(true)
    expect(NewIdSchema.safeParse(crypto.randomUUID()).success).toBe(true)
    expect(NewIdSchema.safeParse(longest('a')).success).toBe(true)
    expect(NewIdSchema.safeParse(`${longest('a')}x`).success).toBe(false)
  })

  it.each(Object.entries(DERIVED_IDS))(
    'derives %s from the longest minted ids into an id every schema accepts',
    (_name, derive) => {
      const id = derive(longest('a'), longest('b'))
      expect(IdSchema.safeParse(id).success).toBe(true)
      expect(IdSchema.safeParse(derive(crypto.randomUUID(), `p-${crypto.randomUUID()}`)).success).toBe(true)
    },
  )

  it('keeps two different pairs apart', () => {
    for (const derive of Object.values(DERIVED_IDS)) expect(derive('a', 'b')).not.toBe(derive('b', 'a'))
  })
})
