// Budget: `npm ci && npm start` to a served page in under 2 minutes, measured
// on a fresh clone of the current commit (npm's download cache may be warm).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../test/helpers/serverProcess.ts'

const BUDGET_S = 120
const dir = mkdtempSync(join(tmpdir(), 'alumni-startup-'))
const port = await freePort()
const started = performance.now()
spawnSync('git', ['clone', '--quiet', process.cwd(), dir], { stdio: 'inherit' })

const child = spawn('sh', ['-c', 'npm ci --no-audit --no-fund --loglevel=error && npm start'], {
  cwd: dir,
  env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
  detached: true,
})
let seconds = Infinity
while ((performance.now() - started) / 1000 < BUDGET_S + 30 && child.exitCode === null) {
  const html = await fetch(`http://127.0.0.1:${port}/`).then(
    (r) => (r.ok ? r.text() : ''),
    () => '',
  )
  if (html.includes('<div id="app">')) {
    seconds = (performance.now() - started) / 1000
    break
  }
  await new Promise((r) => setTimeout(r, 250))
}
try {
  process.kill(-child.pid!, 'SIGTERM')
} catch {
  /* already gone */
}
await new Promise((r) => setTimeout(r, 500))
rmSync(dir, { recursive: true, force: true })

console.log(`npm ci && npm start to a served page: ${seconds.toFixed(1)} s (budget ${BUDGET_S} s)`)
if (seconds > BUDGET_S) process.exit(1)
