import { networkThroughChanges, type AdmissionMode, type NetworkFixture } from './networkFixture.ts'
import { expect } from 'vitest'
import type { LiveServer } from './liveServer.ts'
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/version.ts'
import { PullResponseSchema } from '../../shared/sync/protocol.ts'

/** A demo person's session cookie on the live server. */
export async function liveCookie(server: LiveServer, email: string): Promise<string> {
  const signIn = await fetch(`${server.url}/api/auth/dev/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email }),
  })
  return signIn.headers.get('set-cookie')!.split(';')[0]!
}

let devices = 0
/** Another person's change, sent straight to the API as their phone would (a new device each time). */
export async function liveChangeAs(server: LiveServer, email: string, name: string, args: unknown): Promise<void> {
  const res = await fetch(`${server.url}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, cookie: await liveCookie(server, email) },
    body: JSON.stringify({
      clientId: `e2e-${email.replace(/\W/g, '')}-${Date.now()}-${++devices}`,
      protocolVersion: SYNC_PROTOCOL_VERSION,
      mutations: [{ id: 1, name, args }],
    }),
  })
  expect(((await res.json()) as { results: { status: string }[] }).results[0]!.status).toBe('applied')
}

/** A UiO degree the person states themselves (a claim: it can make a join request, never a membership). */
export async function liveClaimDegree(
  server: LiveServer,
  email: string,
  programme: string,
  graduationYear: number,
): Promise<void> {
  await liveChangeAs(server, email, 'education.add', {
    education: {
      id: crypto.randomUUID(),
      institutionId: 'uio',
      programme,
      degree: 'master',
      status: 'graduated',
      graduationYear,
      credits: 120,
    },
  })
}

/** The signed ticket a person's phone holds for an event now (read through their own sync). */
export async function liveTicketOf(server: LiveServer, email: string, eventId: string): Promise<string> {
  const cookie = await liveCookie(server, email)
  let cursors: Record<string, number> = {}
  let ticket: string | null = null
  for (let hasMore = true; hasMore;) {
    const res = await fetch(`${server.url}/api/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, cookie },
      body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, cursors }),
    })
    const page = PullResponseSchema.parse(await res.json())
    for (const c of page.changes)
      if (c.entity === 'registration' && c.data?.eventId === eventId)
        ticket = (c.data.ticket as string | null) ?? ticket
    cursors = page.cursors
    hasMore = page.hasMore
  }
  if (!ticket) throw new Error(`${email} has no ticket for ${eventId}`)
  return ticket
}

/**
 * A new person on the live server, made as the app makes one: e-mail sign-in
 * with the code from the mail (read from the demo's dev mailbox), then their
 * name on the profile. Returns their server-made id and address.
 */
export async function liveSignUp(server: LiveServer, name: string): Promise<{ id: string; email: string }> {
  const local = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '')
  const email = `${local || 'person'}.${crypto.randomUUID().slice(0, 8)}@example.org`
  const headers = { 'content-type': 'application/json', origin: server.url }
  const start = await fetch(`${server.url}/api/auth/email/start`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, locale: 'nb' }),
  })
  expect(start.status).toBe(200)
  const { challengeId } = (await start.json()) as { challengeId: string }
  const mails = (await (await fetch(`${server.url}/api/auth/dev/mailbox`)).json()) as {
    toAddress: string
    text: string
  }[]
  const code = /\b(\d{6})\b/.exec(mails.find((m) => m.toAddress === email)!.text)![1]
  const verify = await fetch(`${server.url}/api/auth/email/verify`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ challengeId, code }),
  })
  expect(verify.status).toBe(200)
  const { profile } = (await verify.json()) as { profile: { id: string } }
  await liveChangeAs(server, email, 'profile.update', { patch: { name } })
  return { id: profile.id, email }
}

/**
 * A network the faculty's coordinator starts through the API, for
 * graduates of `programme` (open unless `mode` says otherwise), with the given people as members (each registers
 * the degree and joins, as in the app). Returns its id and address.
 */
export function liveNetwork(
  server: LiveServer,
  coordinator: string,
  programme: string,
  members: string[] = [],
  mode: AdmissionMode = 'open',
): Promise<NetworkFixture> {
  return networkThroughChanges(
    (email, name, args) => liveChangeAs(server, email, name, args),
    coordinator,
    programme,
    members,
    mode,
  )
}
