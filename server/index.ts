import { readConfig } from './config.ts'
import { startServer } from './start.ts'

const running = await startServer(readConfig())

// Graceful shutdown: stop accepting, finish what is in flight, close the database.
// A second signal, or 10 s without finishing, ends the process at once.
let isStopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (isStopping) process.exit(1)
    isStopping = true
    setTimeout(() => process.exit(1), 10_000).unref()
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
