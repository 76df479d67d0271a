import { z } from 'zod'
import { ProblemSchema } from '../problem.ts'

/** A device's id: random, made once per browser profile. */
export const ClientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/)

/**
 * One queued change. `args` is checked per mutation by the server, so one
 * bad change is rejected on its own instead of failing the whole batch.
 */
export const MutationSchema = z.object({
  id: z.int().min(1),
  name: z.string().min(1).max(100),
  args: z.unknown(),
})
export type Mutation = z.infer<typeof MutationSchema>

export const PushRequestSchema = z.object({
  clientId: ClientIdSchema,
  protocolVersion: z.int().min(0),
  /** The device's clock when it sent this: the server measures the device's offset with it (scans at the door are ordered by corrected time). */
  sentAt: z.iso.datetime({ offset: true }).optional(),
  mutations: z
    .array(MutationSchema)
    .max(500)
    .refine((ms) => ms.every((m, i) => i === 0 || m.id > ms[i - 1]!.id), { message: 'mutation ids must increase' }),
})
export type PushRequest = z.infer<typeof PushRequestSchema>

/** What became of one mutation. A rejected one is final: it will never apply. */
export const MutationResultSchema = z.object({
  id: z.int(),
  status: z.enum(['applied', 'rejected']),
  problem: ProblemSchema.optional(),
})
export type MutationResult = z.infer<typeof MutationResultSchema>

export const PushResponseSchema = z.object({
  /** Results for the mutations the server has handled, in order, including ones handled before. */
  results: z.array(MutationResultSchema),
  /** The highest mutation id the server has handled for this client. */
  lastMutationId: z.int().min(0),
})
export type PushResponse = z.infer<typeof PushResponseSchema>

/** Per-scope cursors: the last change sequence number the device holds for each scope. */
export const CursorsSchema = z.record(z.string().max(200), z.int().min(0))
export type Cursors = z.infer<typeof CursorsSchema>

export const PullRequestSchema = z.object({
  protocolVersion: z.int().min(0),
  cursors: CursorsSchema.refine((c) => Object.keys(c).length <= 1000, { message: 'too many scopes' }),
  limit: z.int().min(1).max(5000).default(1000),
  /** The server's `epoch` the cursors belong to (absent on a first pull). */
  epoch: z.string().max(64).optional(),
})
export type PullRequest = z.infer<typeof PullRequestSchema>

export const ChangeSchema = z.object({
  seq: z.int(),
  scope: z.string(),
  entity: z.string(),
  id: z.string(),
  op: z.enum(['put', 'del']),
  data: z.record(z.string(), z.unknown()).nullable(),
})
export type Change = z.infer<typeof ChangeSchema>

export const PullResponseSchema = z.object({
  /** When true the device must clear every synced table (never the outbox) and pull again from no cursors. */
  reset: z.boolean(),
  /** Names the server's history of changes; a new one (a restore from backup) makes a device reset. */
  epoch: z.string(),
  changes: z.array(ChangeSchema),
  /** Scopes the user may no longer read: delete their rows. */
  dropScopes: z.array(z.string()),
  /** The cursors to send next time (every scope the user may read now). */
  cursors: CursorsSchema,
  /** More changes wait: pull again at once. */
  hasMore: z.boolean(),
  /** How many changes wait after this page (0 when none): lets a device show progress on a long first sync. */
  remaining: z.int().min(0).default(0),
  serverTime: z.string(),
})
export type PullResponse = z.infer<typeof PullResponseSchema>
