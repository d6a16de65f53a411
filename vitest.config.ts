import { defineConfig } from 'vitest/config';

/**
 * unit: pure logic, no processes or services.
 * integration: real things (SQLite files, the throwaway PostgreSQL, gnome-keyring's
 * Secret Service, worker threads, child processes); `scripts/test.sh` starts them.
 * Playwright owns test/e2e.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Integration suites share one PostgreSQL cluster and one keyring; files run one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
