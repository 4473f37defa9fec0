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
    // Two files at once even on 2 cores (Vitest's default there is one): most files wait on a server or
    // Chromium, and the axe sweep alone takes two minutes. The suite took 552 s with one, 465 s with two.
    maxWorkers: 2,
    // What a browser test polls for (a page hydrated, a prompt started) may take more than Vitest's
    // default second while another file loads both cores; a poll that can never succeed still fails.
    expect: { poll: { timeout: 5_000 } },
  },
});
