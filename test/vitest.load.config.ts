import { defineConfig } from 'vitest/config';

/*
 * The load run at CI size (load/load.test.ts): its own API process on a throwaway PostgreSQL database,
 * so none of the browser tests' setup. `pnpm load` runs the full size from load/main.ts.
 */
export default defineConfig({
  test: {
    include: ['load/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 240_000,
    reporters: ['default'],
  },
});
