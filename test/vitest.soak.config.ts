import { defineConfig } from 'vitest/config';

/*
 * The sync soak at CI size (soak/soak.test.ts): it starts its own PostgreSQL and API processes, so it
 * runs apart from the browser tests' global setup, which starts an API on embedded PGlite.
 */
export default defineConfig({
  test: {
    include: ['soak/**/*.test.ts'],
    testTimeout: 900_000,
    reporters: ['default'],
  },
});
