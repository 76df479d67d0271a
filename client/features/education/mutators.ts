import { deleteRows, putRow, type MutatorTable } from '../../sync/localRows.ts'
import { userScope } from '../../../shared/sync/scopes.ts'

/** This feature's mutations as the device applies them at once (see `client/sync/mutators.ts`). */
export const EDUCATION_MUTATORS = {
  'education.add': (db, { education }, _now, personId) =>
    personId
      ? putRow(db, 'educations', userScope(personId), {
          ...education,
          personId,
          source: 'self',
          verifiedAt: null,
          graduatedOn: null,
        })
      : Promise.resolve([]),
  'education.remove': (db, { educationId }) => deleteRows(db, 'educations', educationId),
  // Staff see the claim as confirmed on the request at once; the server's answer follows.
  'education.verify': async (db, { educationId, networkId }) => {
    const requests = await db.joinRequests.where('networkId').equals(networkId).toArray()
    const undo = []
    for (const request of requests.filter((r) => r.educations.some((e) => e.id === educationId))) {
      undo.push({ table: 'joinRequests' as const, key: request._key, before: request })
      const educations = request.educations.map((e) =>
        e.id === educationId ? { ...e, source: 'institution' as const } : e,
      )
      await db.joinRequests.put({ ...request, educations })
    }
    return undo
  },
} satisfies Partial<MutatorTable>
