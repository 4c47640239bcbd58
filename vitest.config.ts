import { defineConfig } from 'vitest/config';

// One config, three projects: pure unit tests, integration tests against a real server with real
// Socket.IO peers, and browser tests in Debian's Chromium. `npm test` runs all of them.
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
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 240_000,
          // Chromium with SwiftShader is CPU-heavy: one browser test file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
