import pg from 'pg'

/** The PostgreSQL channel a committed change log write notifies on. */
export const CHANGE_CHANNEL = 'alumni_changes'

export interface ChangeListener {
  close: () => Promise<void>
}

const RECONNECT_MS = 1000

/**
 * Listens on PostgreSQL for committed changes (LISTEN/NOTIFY), so every
 * server process sharing the database hears of a change made by any other at
 * once, without polling. The notification carries nothing but "look now";
 * the hints read the change log for what changed. On a lost connection it
 * reconnects; meanwhile the hints' slow poll covers the gap.
 */
export async function listenForChanges(databaseUrl: string, onChange: () => void): Promise<ChangeListener> {
  let client: pg.Client | null = null
  let isClosed = false
  let retry: NodeJS.Timeout | null = null

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: databaseUrl })
    next.on('notification', () => onChange())
    next.on('error', () => scheduleReconnect())
    next.on('end', () => scheduleReconnect())
    try {
      await next.connect()
      await next.query(`listen ${CHANGE_CHANNEL}`)
      client = next
      // Changes committed while no one listened are found by looking now.
      onChange()
    } catch {
      await next.end().catch(() => {})
      scheduleReconnect()
    }
  }

  function scheduleReconnect(): void {
    if (isClosed || retry) return
    client = null
    retry = setTimeout(() => {
      retry = null
      void connect()
    }, RECONNECT_MS)
    retry.unref()
  }

  await connect()
  return {
    async close() {
      isClosed = true
      if (retry) clearTimeout(retry)
      await client?.end().catch(() => {})
    },
  }
}
