import type { Config } from '../config.ts'

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const
export type Level = Exclude<keyof typeof LEVELS, 'silent'>

export interface Logger {
  log: (level: Level, message: string, fields?: Record<string, unknown>) => void
}

/** Structured logs: one JSON object per line on stdout, so any log shipper can read them. */
export function createLogger(level: Config['logLevel']): Logger {
  const threshold = LEVELS[level]
  return {
    log(lvl, message, fields) {
      if (LEVELS[lvl] < threshold) return
      process.stdout.write(
        JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: message, ...fields }) + '\n',
      )
    },
  }
}
