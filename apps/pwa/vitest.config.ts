import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'jsdom',
    setupFiles: ['src/test-setup.ts'],
    // The offline-unlock tests derive real PBKDF2 verifiers (600,000 iterations) in jsdom: seconds each on a
    // busy machine, which the default of 5 s does not always allow.
    testTimeout: 15_000,
  },
});
