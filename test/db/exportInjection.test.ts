import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { appNetwork, changeAs, createTestApp, signUp, type TestApp } from '../helpers/testApp.ts'

const COORDINATOR = 'koordinator@demo.example'
const HOUR = 3_600_000
const FORMULA_NAME = '=HYPERLINK("https://evil.example","Kari")'

/** Findings 6 and 7 of "Hardened": what people type cannot run in a spreadsheet or write lines into a calendar. */
describe.each(TEST_DATABASES)('exports of what people typed on %s', (kind) => {
  let t: TestApp
  let networkId = ''
  const eventId = randomUUID()
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
    networkId = (await appNetwork(t, COORDINATOR, 'Eksportfag')).id
  })
  afterAll(async () => {
    await t.close()
  })

  const event = (over: Record<string, unknown> = {}) => ({
    id: eventId,
    networkId,
    type: 'fagdag',
    title: 'Fagdag',
    description: '',
    startsAt: new Date(Date.now() + HOUR).toISOString(),
    endsAt: new Date(Date.now() + 3 * HOUR).toISOString(),
    place: 'Blindern',
    city: 'Oslo',
    capacity: 10,
    status: 'published',
    audience: 'open',
    questions: [{ id: 'mat', label: "=cmd|' /C calc'!A0", isRequired: false }],
    ...over,
  })

  it('writes names, answers and question labels that start like a formula as text in the attendance CSV', async () => {
    expect((await changeAs(t, COORDINATOR, 'event.save', { event: event() })).status).toBe('applied')
    const guest = await signUp(t, 'Kari Formel')
    expect((await changeAs(t, guest.email, 'profile.update', { patch: { name: FORMULA_NAME } })).status).toBe('applied')
    expect(
      (await changeAs(t, guest.email, 'registration.register', { eventId, answers: { mat: '@SUM(1+1)' } })).status,
    ).toBe('applied')
    const res = await t.request(`/api/events/${eventId}/attendance.csv`, { cookie: await t.signIn(COORDINATOR) })
    expect(res.status).toBe(200)
    const [header, row] = parse(await res.text(), { bom: true }) as string[][]
    expect(header!.at(-1)).toBe("'=cmd|' /C calc'!A0")
    expect(row![0]).toBe(`'${FORMULA_NAME}`)
    expect(row!.at(-1)).toBe("'@SUM(1+1)")
  })

  it('refuses a line break in a title or a name, and escapes what reaches a calendar file', async () => {
    const injected = 'Fest\r\nATTENDEE:mailto:evil@example.org'
    expect((await changeAs(t, COORDINATOR, 'event.save', { event: event({ title: injected }) })).problem).toMatchObject(
      { type: expect.stringMatching(/validation/), errors: [{ path: ['args', 'event', 'title'] }] },
    )
    expect((await changeAs(t, COORDINATOR, 'profile.update', { patch: { name: injected } })).problem?.type).toMatch(
      /validation/,
    )
    // A row written before names refused control characters still cannot break the file.
    await t.db.updateTable('event').set({ title: injected }).where('id', '=', eventId).execute()
    const ics = await (await t.request(`/api/events/${eventId}/ics`)).text()
    expect(ics.split(/\r\n/).filter((line) => /^ATTENDEE/i.test(line))).toEqual([])
    expect(ics).toMatch(/^X-WR-CALNAME:Fest ATTENDEE:mailto:evil@example.org$/m)
  })
})
