import { hc } from 'hono/client'
import type { ApiType } from '../../server/app.ts'
import { ProblemSchema, type Problem } from '../../shared/problem.ts'

/**
 * The typed API client: paths, bodies and answers come from the server's
 * routes and the shared schemas, so a changed schema breaks the build.
 *
 * @example const res = await api.sync.pull.$post({ json: { protocolVersion: 1, cursors: {} } })
 */
export function createApi(fetchFn: typeof fetch = (input, init) => fetch(input, init), base = '/api') {
  return hc<ApiType>(base, { fetch: fetchFn, init: { credentials: 'same-origin' } })
}

export type Api = ReturnType<typeof createApi>

export const api = createApi()

/** Reads a problem+json body; anything else becomes a generic problem with the status. */
export async function readProblem(res: Response): Promise<Problem> {
  try {
    const parsed = ProblemSchema.safeParse(await res.json())
    if (parsed.success) return parsed.data
  } catch { /* not JSON: fall through */ }
  return { type: 'urn:alumni:problem:internal', title: res.statusText || 'Error', status: res.status }
}
