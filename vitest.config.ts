/** Test runner settings: every `*.test.ts(x)` under test/, in Node (UI tests render on the server). */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    // Real servers, real argon2id and a real browser: give them time on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
