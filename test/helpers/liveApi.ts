import { expect } from 'vitest'
import type { LiveServer } from './liveServer.ts'
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/version.ts'
import { PullResponseSchema } from '../../shared/sync/protocol.ts'

/** A demo person's session cookie on the live server. */
export async function liveCookie(server: LiveServer, email: string): Promise<string> {
  const signIn = await fetch(`${server.url}/api/auth/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ email }) })
  return signIn.headers.get('set-cookie')!.split(';')[0]!
}

let devices = 0
/** Another person's change, sent straight to the API as their phone would (a new device each time). */
export async function liveChangeAs(server: LiveServer, email: string, name: string, args: unknown): Promise<void> {
  const res = await fetch(`${server.url}/api/sync/push`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, cookie: await liveCookie(server, email) },
    body: JSON.stringify({ clientId: `e2e-${email.replace(/\W/g, '')}-${Date.now()}-${++devices}`, protocolVersion: SYNC_PROTOCOL_VERSION, mutations: [{ id: 1, name, args }] }),
  })
  expect(((await res.json()) as { results: { status: string }[] }).results[0]!.status).toBe('applied')
}

/** The signed ticket a person's phone holds for an event now (read through their own sync). */
export async function liveTicketOf(server: LiveServer, email: string, eventId: string): Promise<string> {
  const cookie = await liveCookie(server, email)
  let cursors: Record<string, number> = {}
  let ticket: string | null = null
  for (let hasMore = true; hasMore;) {
    const res = await fetch(`${server.url}/api/sync/pull`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, cookie }, body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, cursors }) })
    const page = PullResponseSchema.parse(await res.json())
    for (const c of page.changes) if (c.entity === 'registration' && c.data?.eventId === eventId) ticket = (c.data.ticket as string | null) ?? ticket
    cursors = page.cursors
    hasMore = page.hasMore
  }
  if (!ticket) throw new Error(`${email} has no ticket for ${eventId}`)
  return ticket
}
