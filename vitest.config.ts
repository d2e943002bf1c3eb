import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Discord end-to-end tests start real servers and clients: two cores, keep workers small.
    maxWorkers: 2,
  },
});
