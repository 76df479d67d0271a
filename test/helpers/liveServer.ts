import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readConfig, type Config } from '../../server/config.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { LOCAL_PUSH_HOSTS } from './pushEndpoint.ts'
import { openDatabase, type OpenDatabase } from '../../server/db/index.ts'

export interface LiveServer {
  url: string
  /** A second connection to the server's database, to check what the server holds. */
  database: OpenDatabase
  stop: () => Promise<void>
}

/** The real server (HTTP, built client, demo seed) on a free port and a fresh SQLite file. */
export async function startLiveServer(
  options: { members?: number; clientDir?: string; oidcProviders?: Config['oidcProviders'] } = {},
): Promise<LiveServer> {
  const dir = mkdtempSync(join(tmpdir(), 'alumni-e2e-'))
  const sqliteFile = join(dir, 'e2e.sqlite')
  const config = {
    ...readConfig({}),
    pushHosts: LOCAL_PUSH_HOSTS,
    port: 0,
    host: '127.0.0.1',
    sqliteFile,
    databaseUrl: null,
    logLevel: 'warn' as const,
    isDemo: true,
    demoMembers: options.members ?? 200,
    // The journeys sign the demo accounts in on many phones, each reading their directories from scratch.
    readLimitFactor: 1000,
    oidcProviders: options.oidcProviders ?? [],
    ...(options.clientDir ? { clientDir: options.clientDir } : {}),
  }
  const running: RunningServer = await startServer(config)
  const database = openDatabase({ databaseUrl: null, sqliteFile })
  return {
    url: `http://localhost:${running.port}`,
    database,
    stop: async () => {
      await database.close()
      await running.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
