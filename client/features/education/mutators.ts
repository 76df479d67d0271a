import { deleteRows, putRow, type MutatorTable } from '../../sync/localRows.ts'
import { userScope } from '../../../shared/sync/scopes.ts'

/** This feature's mutations as the device applies them at once (see `client/sync/mutators.ts`). */
export const EDUCATION_MUTATORS = {
  'education.add': (db, { education }, _now, personId) =>
    personId ? putRow(db, 'educations', userScope(personId), { ...education, personId }) : Promise.resolve([]),
  'education.remove': (db, { educationId }) => deleteRows(db, 'educations', educationId),
} satisfies Partial<MutatorTable>
