/**
 * A ticket's short code: eight characters a person can read out at the door
 * or type on a phone without a camera ("K7QM-3XDA"), taken from the ticket's
 * random id. The door finds the ticket in its kit by it and judges it like a
 * scan. Crockford's base32: no I, L, O or U, so nothing reads as another.
 *
 * @example ticketShortCode('1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed') // '3EEPQJXV'
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const SHORT_CODE_LENGTH = 8

/** The short code of a ticket id (a UUID): its first 40 bits in base32. */
export function ticketShortCode(ticketId: string): string {
  let bits = BigInt(`0x${ticketId.replace(/-/g, '').slice(0, 10)}`)
  let code = ''
  for (let i = 0; i < SHORT_CODE_LENGTH; i++) {
    code = ALPHABET[Number(bits & 31n)]! + code
    bits >>= 5n
  }
  return code
}

/** Shown in two groups of four, as people read it out. */
export const formatShortCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`

/**
 * What a person typed, as a short code, or null when it is not one: case,
 * spaces and dashes do not matter, and O, I and L are read as 0, 1 and 1.
 */
export function readShortCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  return code.length === SHORT_CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null
}
