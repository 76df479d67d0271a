/**
 * Runs `work` when the page is idle (or within a second), for one-time costs a later render would otherwise
 * pay: the browser's first Intl formatter or collator loads locale data, 60–170 ms on a 4×-throttled phone.
 */
export function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: 1000 })
  else setTimeout(work, 0)
}
