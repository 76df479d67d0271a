import { defineConfig } from 'vitest/config'
import { messageChunks } from './scripts/messageChunks.ts'

/**
 * Three projects: `unit` (pure logic, beside the code), `db` (the real app on
 * SQLite, and on PostgreSQL when TEST_DATABASE_URL is set), `e2e` (Chromium).
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [messageChunks()],
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: ['test/db/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
