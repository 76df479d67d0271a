// npm test: everything, in the order that fails fastest. Type-check, lint,
// build, bundle budget, Lighthouse, then every Vitest project (unit, db, e2e). The db
// tests also run on PostgreSQL when TEST_DATABASE_URL is set (.ci/run sets it).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { findChromium, INSTALL_HINT } from './chromium.ts'

function run(title: string, command: string, args: string[]): void {
  console.log(`\n▶ ${title}`)
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false })
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed`)
    process.exit(result.status ?? 1)
  }
}

const [major] = process.versions.node.split('.').map(Number)
if (major! < 22) {
  console.error(
    `Node.js ${process.versions.node} is too old: this project needs Node.js 22.12 or newer (24 LTS recommended, see .nvmrc).`,
  )
  process.exit(1)
}
if (!findChromium()) {
  console.error(INSTALL_HINT)
  process.exit(1)
}
console.log(
  process.env.TEST_DATABASE_URL
    ? 'Database tests: SQLite and PostgreSQL'
    : 'Database tests: SQLite (set TEST_DATABASE_URL=postgres://... to add PostgreSQL)',
)

const bin = 'node_modules/.bin/'
run('Type-check (app, server, tests)', `${bin}vue-tsc`, ['--noEmit', '-p', 'tsconfig.json'])
run('Type-check (service worker)', `${bin}tsc`, ['--noEmit', '-p', 'client/sw/tsconfig.json'])
run('Lint', `${bin}eslint`, ['.'])
run('Formatting (Prettier; npm run format fixes it)', `${bin}prettier`, [
  '--check',
  '--log-level',
  'warn',
  '**/*.{ts,vue,js}',
])
run('No import cycle', process.execPath, ['scripts/check-import-cycles.ts'])
run('Build the client', `${bin}vite`, ['build', '--logLevel', 'warn'])
run('Precompress the build (brotli, gzip)', process.execPath, ['scripts/precompress.ts'])
run('First-route JavaScript budget', process.execPath, ['scripts/check-budget.ts'])
run('Lighthouse, mobile profile (best of three per page)', process.execPath, ['scripts/lighthouse.ts'])

mkdirSync('test-results', { recursive: true })
const report = 'test-results/vitest.json'
const vitest = spawnSync(
  `${bin}vitest`,
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  { stdio: 'inherit' },
)
if (existsSync(report)) {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8')) as Record<
    string,
    number
  >
  console.log(
    `\nTests: ${numPassedTests} passed, ${numFailedTests} failed${numPendingTests ? `, ${numPendingTests} skipped` : ''}`,
  )
}
process.exit(vitest.status ?? 1)
