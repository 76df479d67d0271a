import { api, readProblem } from '../../api/client.ts'
import type { Problem } from '../../../shared/problem.ts'
import type { Me } from '../../../shared/schemas/session.ts'

/** Whether this browser can make and use passkeys. */
export function canUsePasskeys(): boolean {
  return typeof window !== 'undefined' && 'PublicKeyCredential' in window
}

/** A refusal or cancellation in the browser's passkey dialog, as a problem the page can show. */
function cancelled(error: unknown): Problem {
  return {
    type: 'urn:alumni:problem:validation',
    title: 'Passkey',
    status: 400,
    detail: error instanceof Error ? error.message : String(error),
  }
}

/** Adds a passkey to the signed-in account (the browser asks for a fingerprint, face or PIN). */
export async function addPasskey(): Promise<Problem | null> {
  // Loaded on use: most visits never touch WebAuthn, and the first screen stays small.
  const { startRegistration } = await import('@simplewebauthn/browser')
  const started = await api.auth.passkey.register.options.$post()
  if (!started.ok) return readProblem(started)
  const { challengeId, options } = await started.json()
  let response
  try {
    response = await startRegistration({ optionsJSON: options as never })
  } catch (error) {
    return cancelled(error)
  }
  const verified = await api.auth.passkey.register.verify.$post({ json: { challengeId, response: response as never } })
  return verified.ok ? null : readProblem(verified)
}

/** Signs in with a passkey; answers who signed in, or the problem. */
export async function signInWithPasskey(): Promise<Me | Problem> {
  const { startAuthentication } = await import('@simplewebauthn/browser')
  const started = await api.auth.passkey['sign-in'].options.$post()
  if (!started.ok) return readProblem(started)
  const { challengeId, options } = await started.json()
  let response
  try {
    response = await startAuthentication({ optionsJSON: options as never })
  } catch (error) {
    return cancelled(error)
  }
  const verified = await api.auth.passkey['sign-in'].verify.$post({
    json: { challengeId, response: response as never },
  })
  return verified.ok ? verified.json() : readProblem(verified)
}

/** The signed-in person's passkeys (when made, when last used). */
export async function listPasskeys(): Promise<{ id: string; createdAt: string; lastUsedAt: string | null }[]> {
  const res = await api.auth.passkeys.$get()
  return res.ok ? res.json() : []
}

/** Removes a passkey, e.g. one on a lost phone. */
export async function removePasskey(passkeyId: string): Promise<Problem | null> {
  const res = await api.auth.passkeys[':passkeyId'].$delete({ param: { passkeyId } })
  return res.ok ? null : readProblem(res)
}
