const KEY = 'alumni:returnTo'
// Pages that are part of signing in, never where to return to.
const NOT_A_DESTINATION = /^\/(me|auth|dev)(\/|$)|^\/$/

/**
 * Remembers the page that sent someone to sign in (the page before, in this
 * tab), so the sign-in ends there, also when the mail's link opens in another
 * tab (localStorage is shared).
 */
export function rememberReturnTo(back: unknown): void {
  if (typeof back === 'string' && back.startsWith('/') && !NOT_A_DESTINATION.test(back)) localStorage.setItem(KEY, back)
  else localStorage.removeItem(KEY)
}

/** The page to go back to after signing in, once. */
export function takeReturnTo(): string | null {
  const path = localStorage.getItem(KEY)
  localStorage.removeItem(KEY)
  return path
}
