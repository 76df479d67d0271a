// Graduate import: a 5,000-line list as FS exports it (semicolons, a BOM, 3 % bad lines, half the
// graduates already with an account) through the dry run, the import and a re-import, against a
// bare bulk insert of the same records into the same table on the same database in the same run.
import { randomUUID } from 'node:crypto'
import { openDatabase } from '../server/db/index.ts'
import { migrateToLatest } from '../server/db/migrate.ts'
import { seedIfEmpty } from '../server/db/seed/index.ts'
import { importGraduates } from '../server/features/graduates/importGraduates.ts'
import type { DatabaseKind } from '../server/db/schema.ts'
import { scratchDatabase } from '../test/helpers/databases.ts'

const LINES = 5000
const BAD_EVERY = 33
const ms = (n: number) => `${n.toFixed(0)} ms`

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const result = await work()
  return [result, performance.now() - started]
}

async function benchOn(kind: DatabaseKind): Promise<void> {
  const scratch = await scratchDatabase(kind)
  const { db, close } = openDatabase({ databaseUrl: scratch.databaseUrl, sqliteFile: scratch.sqliteFile })
  try {
    await migrateToLatest(db, kind)
    await seedIfEmpty(db, kind, { members: 0 })
    const now = new Date().toISOString()
    const people = Array.from({ length: LINES / 2 }, (_, i) => ({
      id: `p-${randomUUID()}`,
      email: `kandidat.${i}@bench.example`,
      name: `Kandidat ${i}`,
      createdAt: now,
      updatedAt: now,
    }))
    for (let i = 0; i < people.length; i += 500)
      await db
        .insertInto('person')
        .values(people.slice(i, i + 500))
        .execute()
    const rows = Array.from({ length: LINES }, (_, i) =>
      i % BAD_EVERY === 0
        ? `${900000 + i};Feil ${i};feil.${i}@bench.example;Historie;Master;31.02.2020;;120`
        : `${900000 + i};Kandidat ${i};kandidat.${i}@bench.example;Medievitenskap;Master;${i % 2 ? ';2019 VÅR' : '14.06.2021;'};120`,
    )
    const csv = `\uFEFFStudentnummer;Navn;E-post;Studieprogram;Grad;Dato;Termin;Studiepoeng\n${rows.join('\n')}\n`
    const [dry, dryMs] = await time(() => importGraduates(db, 'uio', csv, { dryRun: true }))
    const [real, realMs] = await time(() => importGraduates(db, 'uio', csv, { dryRun: false }))
    const [again, againMs] = await time(() => importGraduates(db, 'uio', csv, { dryRun: false }))
    const records = await db.selectFrom('graduateRecord').selectAll().where('institutionId', '=', 'uio').execute()
    const [, bareMs] = await time(async () => {
      const copy = records.map((r) => ({ ...r, id: randomUUID(), studentNumber: `b${r.studentNumber}` }))
      for (let i = 0; i < copy.length; i += 500)
        await db
          .insertInto('graduateRecord')
          .values(copy.slice(i, i + 500))
          .execute()
    })
    console.log(`\n== graduate import, ${LINES} lines, ${kind} ==`)
    console.log(`  dry run ${ms(dryMs)}: ${JSON.stringify(dry.counts)}`)
    console.log(`  import ${ms(realMs)}: ${JSON.stringify(real.counts)}`)
    console.log(`  re-import ${ms(againMs)}: ${JSON.stringify(again.counts)}`)
    console.log(
      `  bare bulk insert of the same ${records.length} records: ${ms(bareMs)} (import ${(realMs / bareMs).toFixed(1)}x)`,
    )
  } finally {
    await close()
    await scratch.drop()
  }
}

export async function benchGraduates(): Promise<void> {
  await benchOn('sqlite')
  if (process.env.TEST_DATABASE_URL) await benchOn('postgres')
}
