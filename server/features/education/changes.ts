import type { ChangeTx } from '../../sync/changeLog.ts'
import { EducationSchema } from '../../../shared/schemas/education.ts'
import { userScope } from '../../../shared/sync/scopes.ts'

/** Sends an education row to its owner's devices (and nowhere else: staff see it on a join request). */
export async function recordEducationChange(tx: ChangeTx, educationId: string): Promise<void> {
  const row = await tx.trx.selectFrom('education').selectAll().where('id', '=', educationId).executeTakeFirst()
  if (!row) return tx.changes.put('education', educationId, {})
  const { verifiedBy: _who, ...sent } = row
  await tx.changes.put('education', educationId, { [userScope(row.personId)]: EducationSchema.parse(sent) })
}
