import { defineConfig } from 'vitest/config';

/*
 * Browser tests against the started system: one API process with embedded PGlite and demo data, serving
 * the built PWA, shared by every file. Files run one at a time: each opens its own Chromium, and the
 * offline and sync steps are timing-sensitive enough without a second browser competing for the CPU.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
    reporters: ['default'],
  },
});
