import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import en from '../i18n/en.json'
import { i18n, messagesReady } from '../i18n/index.ts'
import { problemMessage } from './problemMessage.ts'

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string
// Bokmål beyond the first route's messages, as every route but the first waits for.
beforeAll(() => messagesReady())
const refused = {
  type: 'urn:alumni:problem:validation',
  title: 'Invalid request',
  status: 422,
  detail: 'args.event.endsAt: must be after the start',
  errors: [
    { path: ['mutations', 0, 'args', 'event', 'endsAt'], message: 'must be after the start' },
    { path: ['mutations', 0, 'args', 'event', 'title'], message: 'Too small' },
    { path: ['mutations', 0, 'args', 'event', 'title'], message: 'Too long' },
  ],
}

describe('a refusal in words the reader understands', () => {
  afterEach(() => {
    i18n.global.locale.value = 'nb'
  })

  it('names each field once, in Norwegian, without the English detail', () => {
    expect(problemMessage(t, refused)).toBe('Noe i det du sendte, er ikke gyldig. Gjelder: Slutter, Tittel.')
  })

  it('says only what went wrong when the path names no field a person fills in', () => {
    const problem = { ...refused, errors: [{ path: ['mutations', 0, 'args', 'eventId'], message: 'Invalid' }] }
    expect(problemMessage(t, problem)).toBe('Noe i det du sendte, er ikke gyldig.')
  })

  it('adds the detail for a reader of English', () => {
    i18n.global.setLocaleMessage('en', en)
    i18n.global.locale.value = 'en'
    expect(problemMessage(t, refused)).toBe(
      'Something in what you sent is not valid. Check: Ends, Title. (args.event.endsAt: must be after the start)',
    )
  })
})
