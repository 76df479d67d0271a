import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import type { Db } from '../../server/db/schema.ts'

/** A free TCP port on localhost. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export interface ServerProcess {
  url: string
  child: ChildProcess
  exited: Promise<number | null>
}

/** Starts `node server/index.ts` as its own process and waits until /api/health answers. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, ['server/index.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO: 'true',
      PUSH_HOSTS: 'http://127.0.0.1:*',
      CLIENT_DIR: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 300; i++) {
    const isUp = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (isUp) return { url, child, exited }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('server did not start')
}

/** Waits until the server has committed at least one mutation of the client's batch (to interrupt it mid-batch). */
export async function waitForFirstCommit(db: Db, clientId: string): Promise<void> {
  for (let i = 0; i < 4000; i++) {
    const row = await db
      .selectFrom('syncClient')
      .select('lastMutationId')
      .where('clientId', '=', clientId)
      .executeTakeFirst()
    if ((row?.lastMutationId ?? 0) > 0) return
    await new Promise((r) => setTimeout(r, 2))
  }
  throw new Error('the server committed nothing')
}
