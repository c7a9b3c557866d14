import { defineConfig } from 'vitest/config';

/*
 * Webhook deliveries across a killed API process (webhooks/webhook-restart.test.ts): it starts its own
 * API processes on its own data (a PGlite directory, and a throwaway PostgreSQL database when
 * DATABASE_URL is set), so it runs apart from the browser tests' global setup.
 */
export default defineConfig({
  test: {
    include: ['webhooks/**/*.test.ts'],
    testTimeout: 420_000,
    hookTimeout: 240_000,
    reporters: ['default'],
  },
});
