/** Test runner settings: every `*.test.ts(x)` under test/, in Node (UI tests render on the server). */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
  },
});
