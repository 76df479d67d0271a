import { createHash } from 'node:crypto'

/**
 * The SHA-256 of a text, in hex: how the server keeps a secret it must
 * recognise but never show (session and sign-in tokens, codes, calendar
 * feed addresses, unsubscribe links), so a database leak leaks none of them.
 */
export function sha256(text: string, encoding: 'hex' | 'base64url' = 'hex'): string {
  return createHash('sha256').update(text).digest(encoding)
}
