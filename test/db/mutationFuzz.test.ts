import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { randomUUID } from 'node:crypto'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { appNetwork, createTestApp, protocolVersion, signUp, type TestApp } from '../helpers/testApp.ts'
import { fuzzValue, seededRandom } from '../helpers/fuzzArgs.ts'
import { MUTATIONS, type MutationName } from '../../shared/sync/mutations.ts'
import type { PushResponse } from '../../shared/sync/protocol.ts'

/** Changes per mutation and database (`FUZZ_RUNS=300` for the outside probe's figure). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100)
const SEED = Number(process.env.FUZZ_SEED ?? 20261202)
const BATCH = 50

/**
 * Finding 2 of "Hardened": every mutation, fed arguments a fuzzer makes from
 * its own schema (mostly well-formed, naming real rows; otherwise NUL bytes,
 * CR/LF, formulas, 2^31, wrong types), by staff, a member and a newcomer.
 * The server answers every push (no 5xx), handles every mutation sent (no
 * stuck queue: a refusal is recorded and the device moves on), and no
 * handler fails for want of a check (no `internal` refusal).
 */
describe.each(TEST_DATABASES)('mutations fuzzed on %s', (kind) => {
  let t: TestApp
  let ids: string[] = []
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 20 })
    await signUp(t, 'Nyan Kommer')
    const rows = await Promise.all([
      t.db.selectFrom('network').select('id').execute(),
      t.db.selectFrom('event').select('id').execute(),
      t.db.selectFrom('person').select('id').limit(30).execute(),
      t.db.selectFrom('networkGroup').select('id').execute(),
      t.db.selectFrom('newsletter').select('id').execute(),
      t.db.selectFrom('registration').select('id').limit(30).execute(),
      t.db.selectFrom('membership').select('id').limit(30).execute(),
      t.db.selectFrom('boardSeat').select('id').execute(),
      t.db.selectFrom('education').select('id').limit(10).execute(),
      t.db.selectFrom('faculty').select('id').execute(),
    ])
    ids = rows.flat().map((r) => r.id)
  }, 60_000)
  afterAll(async () => {
    vi.useRealTimers()
    await t.close()
  })

  it(`answers and records ${RUNS} generated changes of every mutation, whoever sends them`, async () => {
    const random = seededRandom(SEED)
    const actors = await Promise.all(
      ['admin@demo.example', 'styre@demo.example', 'alumn@demo.example', 'koordinator@demo.example'].map(
        async (email) => ({ email, cookie: await t.signIn(email), clientId: randomUUID(), next: 1 }),
      ),
    )
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
    let budgetWaits = 0
    const refusals: Record<string, number> = {}
    const defects: string[] = []
    let applied = 0
    for (const name of Object.keys(MUTATIONS) as MutationName[]) {
      for (let sent = 0; sent < RUNS; sent += BATCH) {
        const actor = actors[Math.floor(random() * actors.length)]!
        const count = Math.min(BATCH, RUNS - sent)
        const mutations = Array.from({ length: count }, (_, i) => ({
          id: actor.next + i,
          name,
          args: fuzzValue(MUTATIONS[name], random, ids),
        }))
        let res = await t.request('/api/sync/push', {
          method: 'POST',
          cookie: actor.cookie,
          json: { clientId: actor.clientId, protocolVersion, mutations },
        })
        if (res.status === 429) {
          // Past the account's budget of changes a minute: the device waits and sends the same batch again.
          budgetWaits++
          vi.setSystemTime(Date.now() + 61_000)
          res = await t.request('/api/sync/push', {
            method: 'POST',
            cookie: actor.cookie,
            json: { clientId: actor.clientId, protocolVersion, mutations },
          })
        }
        expect(
          res.status,
          `${name} by ${actor.email}: ${res.status} ${res.status >= 500 ? await res.clone().text() : ''}`,
        ).toBe(200)
        const body = (await res.json()) as PushResponse
        expect(
          body.results.map((r) => r.id),
          `${name}: every change handled`,
        ).toEqual(mutations.map((m) => m.id))
        expect(body.lastMutationId).toBe(actor.next + count - 1)
        actor.next += count
        for (const [i, result] of body.results.entries()) {
          if (result.status === 'applied') {
            applied++
            continue
          }
          const type = (result.problem?.type ?? '').replace('urn:alumni:problem:', '')
          refusals[type] = (refusals[type] ?? 0) + 1
          if (type === 'internal') defects.push(`${name} ${JSON.stringify(mutations[i]!.args).slice(0, 300)}`)
        }
      }
    }
    // No queue is stuck: a well-formed change behind all of that still applies, for every device.
    for (const actor of actors) {
      const res = await t.request('/api/sync/push', {
        method: 'POST',
        cookie: actor.cookie,
        json: {
          clientId: actor.clientId,
          protocolVersion,
          mutations: [{ id: actor.next, name: 'profile.update', args: { patch: { city: 'Bergen' } } }],
        },
      })
      expect(((await res.json()) as PushResponse).results).toEqual([{ id: actor.next, status: 'applied' }])
    }
    vi.useRealTimers()
    console.info(
      `fuzz on ${kind}: ${Object.keys(MUTATIONS).length * RUNS} changes, ${applied} applied, ${budgetWaits} waits for the budget, refused by type`,
      refusals,
    )
    expect(defects).toEqual([])
    // The fuzzer reaches the handlers, not only the schemas.
    expect(applied).toBeGreaterThan(Object.keys(MUTATIONS).length * RUNS * 0.05)
  }, 600_000)

  it('refuses a NUL byte in an invitation list with 422 naming the field, not a 500', async () => {
    // A network of its own: the fuzzing above may have changed any role in the demo's.
    const admin = await t.signIn('koordinator@demo.example')
    const network = { networkId: (await appNetwork(t, 'koordinator@demo.example', 'Nullfag')).id }
    for (const json of [
      { csv: 'ola\u0000@example.org,Ola' },
      { invitees: [{ email: 'ola@example.org', name: 'Ola\u0000' }] },
    ]) {
      const res = await t.request(`/api/networks/${network.networkId}/invitations`, {
        method: 'POST',
        cookie: admin,
        json,
      })
      expect(res.status, JSON.stringify(json)).toBe(422)
      expect((await res.json()).errors[0].path[0]).toBe('body')
    }
  })
})
