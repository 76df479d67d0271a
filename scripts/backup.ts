// npm run backup -- FILE : a consistent copy of the configured database (SQLite under ./data, or
// DATABASE_URL) while the app runs. npm run restore -- FILE puts one back (servers stopped).
import { readConfig } from '../server/config.ts'
import { backupDatabase, restoreDatabase } from '../server/db/backup.ts'

const [command, file] = process.argv.slice(2)
if ((command !== 'backup' && command !== 'restore') || !file) {
  console.error('Usage: npm run backup -- FILE, or npm run restore -- FILE (with every server stopped)')
  process.exit(2)
}
const config = readConfig()
const started = performance.now()
if (command === 'backup') await backupDatabase(config, file)
else await restoreDatabase(config, file)
const where = config.databaseUrl ? 'PostgreSQL' : config.sqliteFile
console.log(
  `${command === 'backup' ? 'Backed up' : 'Restored'} ${where} ${command === 'backup' ? 'to' : 'from'} ${file} in ${Math.round(performance.now() - started)} ms`,
)
