import type { Db } from '../../db/schema.ts'
import { inChangeTransaction, type ChangeTx } from '../../sync/changeLog.ts'
import { sha256 } from '../../lib/sha256.ts'
import type { GraduateImportReport, GraduateLine, GraduateLineStatus } from '../../../shared/schemas/graduates.ts'
import { afterVerification, networksJoiningAutomatically } from '../membership/autoJoin.ts'
import { recordEducationChange } from '../education/changes.ts'
import { readGraduateFile } from './graduateFile.ts'
import { nationalIdHasher } from './nationalId.ts'

type RecordRow = Awaited<ReturnType<typeof loadRecords>>[number]

/** The id of an imported graduate's record, and of the verified education it gives its person: stable per student number. */
function uuidFrom(text: string): string {
  const h = sha256(text)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`
}
export const graduateRecordId = (institutionId: string, studentNumber: string) =>
  uuidFrom(`graduate:${institutionId}:${studentNumber}`)
export const graduateEducationId = (recordId: string) => uuidFrom(`graduate-education:${recordId}`)

function loadRecords(db: Db, institutionId: string) {
  return db.selectFrom('graduateRecord').selectAll().where('institutionId', '=', institutionId).execute()
}

const CHUNK = 500
async function inChunks<T, R>(items: T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await run(items.slice(i, i + CHUNK))))
  return out
}

/** The columns of a record a line sets: what a re-import compares to decide whether anything changed. */
function recordValues(line: GraduateLine, nationalIdHash: string | null) {
  return {
    nationalIdHash,
    email: line.email,
    name: line.name,
    programmeCode: line.programmeCode,
    programme: line.programme,
    degree: line.degree,
    graduatedOn: line.graduatedOn,
    graduationYear: line.graduationYear,
    credits: line.credits,
  }
}
const sameValues = (a: ReturnType<typeof recordValues>, b: RecordRow) =>
  (Object.keys(a) as (keyof typeof a)[]).every((k) => a[k] === b[k])

/**
 * Imports a graduate list of an institution as its student register exports
 * it. Each line is matched to at most one account: the one its record is
 * already tied to, the one with its e-mail address, or the one its national
 * id number is known for; a line that points at two different accounts is
 * `ambiguous` and is never merged. A dry run answers the same report and
 * writes nothing. Re-importing the same file changes nothing (the record is
 * upserted on the institution's own student number). Matched people get a
 * verified education, and join the networks whose rule takes such
 * graduates automatically.
 */
export async function importGraduates(
  db: Db,
  institutionId: string,
  csv: string,
  options: { dryRun: boolean; now?: Date },
): Promise<GraduateImportReport> {
  const now = (options.now ?? new Date()).toISOString()
  const { columns, lines } = readGraduateFile(csv)
  const hash = await nationalIdHasher(db)
  const records = new Map((await loadRecords(db, institutionId)).map((r) => [r.studentNumber, r]))
  const valid = lines.flatMap((l) => ('value' in l ? [l.value] : []))
  const emails = [...new Set(valid.flatMap((v) => (v.email ? [v.email] : [])))]
  const people = await inChunks(emails, (chunk) =>
    db.selectFrom('person').select(['id', 'email']).where('email', 'in', chunk).where('isGuest', '=', 0).execute(),
  )
  const personByEmail = new Map(people.map((p) => [p.email.toLocaleLowerCase('en'), p.id]))
  const hashes = [...new Set(valid.flatMap((v) => (v.nationalId ? [hash(v.nationalId)] : [])))]
  // Known national ids: from earlier imports, and from people who signed in with ID-porten.
  const signedInWithIdPorten = await inChunks(hashes, (chunk) =>
    db.selectFrom('identity').select(['nationalIdHash', 'personId']).where('nationalIdHash', 'in', chunk).execute(),
  )
  const personByNationalId = new Map([
    ...[...records.values()].flatMap((r) =>
      r.nationalIdHash && r.personId ? [[r.nationalIdHash, r.personId] as const] : [],
    ),
    ...signedInWithIdPorten.map((i) => [i.nationalIdHash!, i.personId] as const),
  ])

  const seen = new Map<string, number>()
  type Planned = { status: GraduateLineStatus; record: ReturnType<typeof recordValues>; personId: string | null }
  const planned = new Map<number, Planned & { line: GraduateLine }>()
  const report: GraduateImportReport['lines'] = lines.map((l) => {
    if (!('value' in l))
      return {
        line: l.line,
        status: 'invalid',
        name: l.name,
        field: l.field,
        problem: l.problem,
        otherLine: null,
        email: null,
      }
    const line = l.value
    const twice = seen.get(line.studentNumber)
    if (twice !== undefined)
      return {
        line: l.line,
        status: 'invalid',
        name: line.name,
        field: 'studentNumber',
        problem: 'duplicate',
        otherLine: twice,
        email: null,
      }
    seen.set(line.studentNumber, l.line)
    const nationalIdHash = line.nationalId ? hash(line.nationalId) : null
    const existing = records.get(line.studentNumber)
    const candidates = new Set(
      [
        existing?.personId,
        line.email ? personByEmail.get(line.email) : undefined,
        nationalIdHash ? personByNationalId.get(nationalIdHash) : undefined,
      ].filter((id): id is string => typeof id === 'string'),
    )
    const record = recordValues(line, nationalIdHash)
    const personId = candidates.size === 1 ? [...candidates][0]! : null
    const status: GraduateLineStatus =
      candidates.size > 1
        ? 'ambiguous'
        : existing
          ? sameValues(record, existing) && existing.personId === personId
            ? 'unchanged'
            : existing.personId === null && personId !== null
              ? 'matched'
              : 'updated'
          : personId
            ? 'matched'
            : 'new'
    planned.set(l.line, {
      status,
      record,
      personId: candidates.size > 1 ? (existing?.personId ?? null) : personId,
      line,
    })
    return {
      line: l.line,
      status,
      name: line.name,
      field: null,
      problem: status === 'ambiguous' ? 'twoAccounts' : null,
      otherLine: null,
      email: personId === null ? line.email : null,
    }
  })
  const counts = Object.fromEntries(
    (['new', 'matched', 'updated', 'unchanged', 'ambiguous', 'invalid'] as const).map((s) => [
      s,
      report.filter((r) => r.status === s).length,
    ]),
  ) as GraduateImportReport['counts']
  if (options.dryRun) return { dryRun: true, columns, counts, lines: report }

  const writes = [...planned.values()].filter((p) => p.status !== 'unchanged')
  const verifiedPeople = new Set<string>()
  await inChangeTransaction(db, async (tx) => {
    const { trx } = tx
    // New records go in 500 at a time; changed ones are updated one by one (a re-import changes few).
    const fresh = writes.filter((p) => !records.has(p.line.studentNumber))
    await inChunks(fresh, async (chunk) => {
      await trx
        .insertInto('graduateRecord')
        .values(
          chunk.map((p) => ({
            id: graduateRecordId(institutionId, p.line.studentNumber),
            institutionId,
            studentNumber: p.line.studentNumber,
            ...p.record,
            personId: p.personId,
            importedAt: now,
            updatedAt: now,
          })),
        )
        .execute()
      return []
    })
    for (const p of writes.filter((w) => records.has(w.line.studentNumber)))
      await trx
        .updateTable('graduateRecord')
        .set({ ...p.record, personId: p.personId, updatedAt: now })
        .where('id', '=', graduateRecordId(institutionId, p.line.studentNumber))
        .execute()
    for (const p of writes) {
      if (!p.personId || p.status === 'ambiguous') continue
      await verifyGraduate(
        tx,
        institutionId,
        graduateRecordId(institutionId, p.line.studentNumber),
        p.personId,
        p.line,
        now,
      )
      verifiedPeople.add(p.personId)
    }
    await trx
      .insertInto('auditLog')
      .values({
        at: now,
        actorId: null,
        action: 'graduates.import',
        subjectId: institutionId,
        networkId: null,
        details: JSON.stringify(counts),
      })
      .execute()
    const networks = await networksJoiningAutomatically(trx)
    for (const personId of verifiedPeople) await afterVerification(tx, personId, now, networks)
  })
  return { dryRun: false, columns, counts, lines: report }
}

/**
 * Gives a matched graduate the verified education their record says, in
 * place of a claim of the same programme they may have made themselves.
 */
export async function verifyGraduate(
  tx: ChangeTx,
  institutionId: string,
  recordId: string,
  personId: string,
  line: {
    programme: string
    degree: string
    graduationYear: number | null
    graduatedOn: string | null
    credits: number
  },
  now: string,
): Promise<void> {
  const { trx } = tx
  const id = graduateEducationId(recordId)
  const values = {
    personId,
    institutionId,
    programme: line.programme,
    degree: line.degree,
    status: 'graduated',
    graduationYear: line.graduationYear,
    graduatedOn: line.graduatedOn,
    credits: line.credits,
    source: 'institution',
    verifiedAt: now,
    verifiedBy: `import:${institutionId}`,
  }
  await trx
    .insertInto('education')
    .values({ id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute()
  const claims = await trx
    .selectFrom('education')
    .select(['id', 'programme'])
    .where('personId', '=', personId)
    .where('institutionId', '=', institutionId)
    .where('source', '=', 'self')
    .execute()
  const same = (a: string) => a.trim().toLocaleLowerCase('nb') === line.programme.trim().toLocaleLowerCase('nb')
  for (const claim of claims.filter((c) => same(c.programme))) {
    await trx.deleteFrom('education').where('id', '=', claim.id).execute()
    await tx.changes.put('education', claim.id, {})
  }
  await recordEducationChange(tx, id)
}

/**
 * A person who signs up with the address of an imported graduate becomes
 * that verified graduate at once: the institution's register gave the
 * address, and signing in by mail proves the person holds it.
 */
export async function claimGraduateRecords(tx: ChangeTx, personId: string, email: string, now: string): Promise<void> {
  const records = await tx.trx
    .selectFrom('graduateRecord')
    .selectAll()
    .where('email', '=', email.toLocaleLowerCase('en'))
    .where('personId', 'is', null)
    .execute()
  for (const record of records) {
    await tx.trx.updateTable('graduateRecord').set({ personId, updatedAt: now }).where('id', '=', record.id).execute()
    await verifyGraduate(tx, record.institutionId, record.id, personId, record, now)
  }
  if (records.length > 0) await afterVerification(tx, personId, now)
}

/**
 * A person whose ID-porten identity carries the national id number of an
 * imported graduate is that graduate: verified without typing anything.
 * A record already tied to someone else is left alone.
 */
export async function claimGraduateRecordsByNationalId(
  tx: ChangeTx,
  personId: string,
  nationalIdHash: string,
  now: string,
): Promise<void> {
  const records = await tx.trx
    .selectFrom('graduateRecord')
    .selectAll()
    .where('nationalIdHash', '=', nationalIdHash)
    .where((eb) => eb.or([eb('personId', 'is', null), eb('personId', '=', personId)]))
    .execute()
  for (const record of records) {
    await tx.trx.updateTable('graduateRecord').set({ personId, updatedAt: now }).where('id', '=', record.id).execute()
    await verifyGraduate(tx, record.institutionId, record.id, personId, record, now)
  }
  if (records.length > 0) await afterVerification(tx, personId, now)
}
