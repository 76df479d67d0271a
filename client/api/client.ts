import { hc } from 'hono/client'
import type { ApiType } from '../../server/app.ts'
import type { Problem } from '../../shared/problem.ts'

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
  // A structural check, not Zod: this runs on the first screen, which must stay small.
  try {
    const body = (await res.json()) as Partial<Problem> | null
    if (body && typeof body.type === 'string' && typeof body.title === 'string')
      return { ...body, status: res.status } as Problem
  } catch {
    /* not JSON: fall through */
  }
  return { type: 'urn:alumni:problem:internal', title: res.statusText || 'Error', status: res.status }
}
