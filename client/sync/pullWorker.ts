// The sync worker: a pull's pages are fetched, parsed and written to the device database here, off the
// page's main thread. Writing a 40,000-member directory was 17 s of a 6x-throttled main thread (IndexedDB
// copies every row as it is put), in long tasks that held up key presses while it downloaded.
import { db } from '../db/database.ts'
import { api } from '../api/client.ts'
import { pullChanges } from './pullChanges.ts'
import { forwardRowChanges } from './rowChanges.ts'
import type { PullAsked, PullToldBack } from './pullWorkerProtocol.ts'

// The worker's global, typed by hand: the webworker lib's declarations would clash with the DOM's app-wide.
const scope = self as unknown as {
  postMessage: (message: PullToldBack) => void
  onmessage: ((event: MessageEvent<PullAsked>) => void) | null
}
const tell = (message: PullToldBack) => scope.postMessage(message)

forwardRowChanges((changes) => tell({ kind: 'rows', changes }))

scope.onmessage = async ({ data: { id } }: MessageEvent<PullAsked>) => {
  try {
    const outcome = await pullChanges(db, api, (received, remaining) =>
      tell({ kind: 'progress', id, received, remaining }),
    )
    tell({ kind: 'outcome', id, outcome })
  } catch (error) {
    tell({ kind: 'failed', id, message: error instanceof Error ? error.message : String(error) })
  }
}
