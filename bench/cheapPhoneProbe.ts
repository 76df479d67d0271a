// Runs in every page of the cheap-phone bench before the page's own scripts
// (Playwright's addInitScript), so it sees the page from its first node. It
// records what a person waits for, in the page's own clock (performance.now(),
// from the start of the navigation):
// - `networksAt`: when the first entry of the networks list is in the DOM;
// - `waits`: for each key pressed in the directory's search field, from the
//   key's event time to the first moment every entry in the result list
//   matches what has been typed (a key whose list was already right is
//   counted in `alreadyRight`);
// - `longTasks`: main-thread tasks over 50 ms.
// Plain JavaScript in one function: Playwright sends its source to the page.
export function cheapPhoneProbe(): void {
  interface Probe {
    networksAt: number | null
    waits: number[]
    alreadyRight: number
    longTasks: { start: number; duration: number }[]
    /** Resolves once `n` keys are settled (measured or already right), or after `timeout` ms: no polling to slow the page. */
    settled: (n: number, timeout: number) => Promise<void>
  }
  const waiting: { n: number; resolve: () => void }[] = []
  const settle = () => {
    for (const w of [...waiting]) {
      if (probe.waits.length + probe.alreadyRight < w.n) continue
      waiting.splice(waiting.indexOf(w), 1)
      w.resolve()
    }
  }
  const probe: Probe = {
    networksAt: null,
    waits: [],
    alreadyRight: 0,
    longTasks: [],
    settled: (n, timeout) =>
      new Promise<void>((resolve) => {
        waiting.push({ n, resolve })
        setTimeout(resolve, timeout)
        settle()
      }),
  }
  ;(window as unknown as { __probe: Probe }).__probe = probe
  // As the app folds text for search (client/features/directory/searchFields.ts): words start after a space.
  const fold = (text: string) =>
    ` ${text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()}`
  let pending: { at: number; tokens: string[] } | null = null

  function isListRight(tokens: string[]): boolean {
    const list = document.querySelector('[data-testid="directory-list"]')
    if (!list) return false
    for (const item of list.children) {
      // Each text node a word apart, as the eye reads the name and the line beneath it.
      const parts: string[] = []
      const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT)
      while (walker.nextNode()) parts.push(walker.currentNode.nodeValue ?? '')
      const text = fold(parts.join(' '))
      if (!tokens.every((t) => text.includes(` ${t}`))) return false
    }
    return true
  }

  new MutationObserver(() => {
    if (probe.networksAt === null && document.querySelector('[data-testid="network-list"] li'))
      probe.networksAt = performance.now()
    if (pending && isListRight(pending.tokens)) {
      probe.waits.push(performance.now() - pending.at)
      pending = null
      settle()
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })

  addEventListener(
    'keydown',
    (event) => {
      const field = event.target as HTMLInputElement
      if (field.id !== 'directory-search' || event.key.length !== 1) return
      // The value this key makes (the bench types at the end of the field), before the app sees it.
      const tokens = fold(field.value + event.key)
        .trim()
        .split(' ')
      if (isListRight(tokens)) {
        probe.alreadyRight++
        settle()
      } else pending = { at: event.timeStamp, tokens }
    },
    true,
  )

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })
}
