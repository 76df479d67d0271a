// npm run keys -- list | rotate | retire KID : the Ed25519 keys that sign tickets, member cards and
// venue codes, in the configured database. See "Run it in production" in the README.
import { readConfig } from '../server/config.ts'
import { openDatabase } from '../server/db/index.ts'
import { migrateToLatest } from '../server/db/migrate.ts'
import { publicKeys, retireSigningKey, rotateSigningKey } from '../server/lib/signing.ts'

const [command, kid] = process.argv.slice(2)
if (command !== 'list' && command !== 'rotate' && !(command === 'retire' && kid)) {
  console.error('Usage: npm run keys -- list | rotate | retire KID')
  process.exit(2)
}
const { db, kind, close } = openDatabase(readConfig())
try {
  await migrateToLatest(db, kind)
  if (command === 'rotate') console.log(`Signing with ${await rotateSigningKey(db)} from now on`)
  if (command === 'retire') {
    await retireSigningKey(db, kid!)
    console.log(`Retired ${kid}: what it signed no longer verifies`)
  }
  const { keys } = await publicKeys(db)
  for (const key of keys) console.log(`${key.kid}  made ${key.createdAt}${key === keys.at(-1) ? '  (signing)' : ''}`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await close()
}
