import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { changeAs, createTestApp, pullEverything, type TestApp } from '../helpers/testApp.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

/** The network page's parts that staff and members keep: sub-groups, member benefits, the board. */
describe.each(TEST_DATABASES)('groups and benefits on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  const change = (email: string, name: string, args: unknown) => changeAs(t, email, name, args)
  const group = (id: string) => ({
    id,
    networkId: labelledId('net-ximk'),
    name: 'X-IMK Bergen',
    kind: 'region',
    description: 'Vi møtes på Bryggen.',
    url: 'https://www.linkedin.com/groups/123',
    contactName: 'Ola Nordmann',
  })
  const stored = (id: string) =>
    t.db
      .selectFrom('networkGroup')
      .select(['startedBy', 'status', 'dormantFlags'])
      .where('id', '=', id)
      .executeTakeFirst()

  it("lets a member start a group, shown as started by alumni, and staff start the network's own", async () => {
    expect(await change('alumn@demo.example', 'group.create', { group: group(labelledId('g-bergen')) })).toEqual({
      id: 1,
      status: 'applied',
    })
    expect(
      await change('admin@demo.example', 'group.create', {
        group: { ...group(labelledId('g-engelsk')), name: 'English-speaking alumni', kind: 'language' },
      }),
    ).toEqual({ id: 1, status: 'applied' })
    expect(await stored(labelledId('g-bergen'))).toEqual({ startedBy: 'alumni', status: 'active', dormantFlags: 0 })
    expect((await stored(labelledId('g-engelsk')))!.startedBy).toBe('network')
    // Someone outside the network may not; a bad link is refused with the field named.
    expect(
      (await change('soker@demo.example', 'group.create', { group: group(labelledId('g-outsider')) })).problem!.type,
    ).toBe('urn:alumni:problem:forbidden')
    const badUrl = await change('alumn@demo.example', 'group.create', {
      group: { ...group(labelledId('g-bad')), url: 'javascript:alert(1)' },
    })
    expect(badUrl.problem!.errors![0]!.path).toEqual(['args', 'group', 'url'])
    expect(await stored(labelledId('g-bad'))).toBeUndefined()
    // Anyone reads the groups on the network's public page.
    const { changes } = await pullEverything(t, undefined)
    expect(changes.filter((c) => c.entity === 'group').map((c) => c.id)).toEqual(
      expect.arrayContaining([labelledId('g-bergen'), labelledId('g-engelsk'), labelledId('g-ximk-2015')]),
    )
  })

  it('marks a group dormant when three members say nobody runs it (one flag each), and staff can revive it', async () => {
    await change('alumn@demo.example', 'group.flagDormant', { groupId: labelledId('g-engelsk') })
    await change('alumn@demo.example', 'group.flagDormant', { groupId: labelledId('g-engelsk') })
    await change('styre@demo.example', 'group.flagDormant', { groupId: labelledId('g-engelsk') })
    expect(await stored(labelledId('g-engelsk'))).toMatchObject({ status: 'active', dormantFlags: 2 })
    await change('admin@demo.example', 'group.flagDormant', { groupId: labelledId('g-engelsk') })
    expect(await stored(labelledId('g-engelsk'))).toMatchObject({ status: 'dormant', dormantFlags: 3 })
    expect(
      (await change('alumn@demo.example', 'group.setStatus', { groupId: labelledId('g-engelsk'), status: 'active' }))
        .problem!.type,
    ).toBe('urn:alumni:problem:forbidden')
    expect(
      (await change('admin@demo.example', 'group.setStatus', { groupId: labelledId('g-engelsk'), status: 'active' }))
        .status,
    ).toBe('applied')
    expect(await stored(labelledId('g-engelsk'))).toMatchObject({ status: 'active', dormantFlags: 0 })
    // Whoever started a group may put it to sleep themselves.
    expect(
      (await change('alumn@demo.example', 'group.setStatus', { groupId: labelledId('g-bergen'), status: 'dormant' }))
        .status,
    ).toBe('applied')
  })

  it('keeps member benefits on the network page, time-limited where they are, and refuses a bad one by field', async () => {
    const benefits = [
      { kind: 'careerCounselling', text: 'Karriereveiledning', yearsAfterGraduation: 2 },
      { kind: 'library', text: 'Bibliotek', yearsAfterGraduation: null },
    ]
    expect(
      (await change('admin@demo.example', 'network.update', { networkId: labelledId('net-ximk'), patch: { benefits } }))
        .status,
    ).toBe('applied')
    const bad = await change('admin@demo.example', 'network.update', {
      networkId: labelledId('net-ximk'),
      patch: { benefits: [{ kind: 'discount', text: '', yearsAfterGraduation: 2 }] },
    })
    expect(bad.problem!.errors![0]!.path).toEqual(['args', 'patch', 'benefits', 0, 'text'])
    const { changes } = await pullEverything(t, undefined)
    const network = changes.findLast((c) => c.entity === 'network' && c.id === labelledId('net-ximk'))!.data as {
      benefits: unknown
    }
    expect(network.benefits).toEqual(benefits)
  })

  it('lets those who run the network keep its board, terms checked, and sends the change to every device', async () => {
    const seat = {
      id: labelledId('seat-new-chair'),
      networkId: labelledId('net-ximk'),
      personName: 'Nora Leder',
      role: 'chair',
      selection: 'elected',
      termStart: '2026-01-01',
      termEnd: '2027-12-31',
    }
    expect((await change('alumn@demo.example', 'boardSeat.save', { seat })).problem!.type).toBe(
      'urn:alumni:problem:forbidden',
    )
    const backwards = await change('admin@demo.example', 'boardSeat.save', { seat: { ...seat, termEnd: '2025-12-31' } })
    expect(backwards.problem!.errors![0]!.path).toEqual(['args', 'seat', 'termEnd'])
    expect((await change('admin@demo.example', 'boardSeat.save', { seat })).status).toBe('applied')
    expect(
      (await change('styre@demo.example', 'boardSeat.save', { seat: { ...seat, selection: 'appointed' } })).status,
    ).toBe('applied')
    expect(
      (await change('admin@demo.example', 'boardSeat.save', { seat: { ...seat, networkId: labelledId('net-iakh') } }))
        .problem!.type,
    ).toBe('urn:alumni:problem:forbidden')
    const { changes, cursors } = await pullEverything(t, undefined)
    expect(changes.findLast((c) => c.id === seat.id)!.data).toEqual({ ...seat, selection: 'appointed' })
    expect((await change('admin@demo.example', 'boardSeat.remove', { seatId: seat.id })).status).toBe('applied')
    const after = await pullEverything(t, undefined, cursors)
    expect(after.changes.filter((c) => c.id === seat.id).map((c) => c.op)).toEqual(['del'])
  })
})
