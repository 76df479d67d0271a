// npm run seed -- --members 40000 : replaces the data in the configured database
// (SQLite under ./data, or DATABASE_URL) with the demo and N synthetic alumni.
import { parseArgs } from 'node:util'
import { readConfig } from '../server/config.ts'
import { openDatabase } from '../server/db/index.ts'
import { migrateToLatest } from '../server/db/migrate.ts'
import { clearAllData, seedIfEmpty } from '../server/db/seed/index.ts'

const { values } = parseArgs({ options: { members: { type: 'string', default: '2000' } } })
const members = Number(values.members)
if (!Number.isInteger(members) || members < 0) {
  console.error('--members must be a whole number, e.g. npm run seed -- --members 40000')
  process.exit(2)
}
const config = readConfig()
const { db, kind, close } = openDatabase(config)
const started = performance.now()
await migrateToLatest(db, kind)
await clearAllData(db)
const summary = await seedIfEmpty(db, kind, { members })
await close()
console.log(`Seeded ${kind}: ${JSON.stringify(summary)} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
