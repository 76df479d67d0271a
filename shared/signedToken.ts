/**
 * A signed token: `base64url(JSON payload).base64url(Ed25519 signature)`.
 * Zod-free and WebCrypto-only, so the phone verifies offline with the same
 * code the server tests use.
 */

export function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

/** The token's payload, not yet verified (null when it is not a token at all). */
export function readToken(
  token: string,
): { payload: Record<string, unknown>; signed: Uint8Array<ArrayBuffer>; signature: Uint8Array<ArrayBuffer> } | null {
  const [body, signature, ...rest] = token.split('.')
  if (!body || !signature || rest.length > 0) return null
  try {
    const payload = JSON.parse(new TextDecoder().decode(fromBase64Url(body))) as unknown
    if (typeof payload !== 'object' || payload === null) return null
    return {
      payload: payload as Record<string, unknown>,
      signed: new TextEncoder().encode(body),
      signature: fromBase64Url(signature),
    }
  } catch {
    return null
  }
}

/** Imports raw Ed25519 public keys once, so checking many tokens (a queue at the door) does not import a key per token. */
export async function importVerifyKeys(
  publicKeys: Record<string, Uint8Array<ArrayBuffer>>,
): Promise<Record<string, CryptoKey>> {
  const entries = await Promise.all(
    Object.entries(publicKeys).map(
      async ([kid, raw]) =>
        [kid, await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify'])] as const,
    ),
  )
  return Object.fromEntries(entries)
}

/**
 * Verifies a token against Ed25519 public keys by key id (raw bytes, or keys
 * already imported). Answers the payload when the signature holds, else null.
 *
 * @example const payload = await verifyToken(token, { k1: publicKeyBytes })
 */
export async function verifyToken(
  token: string,
  publicKeys: Record<string, Uint8Array<ArrayBuffer> | CryptoKey>,
): Promise<Record<string, unknown> | null> {
  const read = readToken(token)
  const found = read ? publicKeys[String(read.payload.kid)] : undefined
  if (!read || !found) return null
  const key =
    found instanceof Uint8Array
      ? await crypto.subtle.importKey('raw', found, { name: 'Ed25519' }, false, ['verify'])
      : found
  return (await crypto.subtle.verify({ name: 'Ed25519' }, key, read.signature, read.signed)) ? read.payload : null
}
