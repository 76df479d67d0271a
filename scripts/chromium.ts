import { existsSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { chromium, type Browser, type LaunchOptions } from 'playwright-core'

/** Flags that keep headless Chromium quiet on a machine with no internet (and root in CI). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const INSTALL_HINT = [
  'No Chromium found for the browser tests. Any one of these fixes it:',
  '  - Debian/Ubuntu: sudo apt-get install chromium',
  '  - macOS: install Google Chrome or Chromium',
  '  - anywhere with internet: npx playwright install chromium',
  '  - or point CHROMIUM_PATH at a Chromium/Chrome binary.',
].join('\n')

/**
 * Finds a Chromium to drive: CHROMIUM_PATH, then the system's, then the one
 * Playwright may have downloaded. Returns null (never downloads anything).
 */
export function findChromium(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ]
  for (const path of candidates) if (path && existsSync(path)) return path
  try {
    const bundled = chromium.executablePath()
    if (bundled && existsSync(bundled)) return bundled
  } catch {
    /* Playwright has not downloaded one */
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim()
      if (found) return found
    } catch {
      /* not on PATH */
    }
  }
  return null
}

/** Launches headless Chromium, or throws with exactly what to install. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findChromium()
  if (!executablePath) throw new Error(INSTALL_HINT)
  return chromium.launch({
    executablePath,
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  })
}

export { INSTALL_HINT }
