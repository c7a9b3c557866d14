import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // One copy of graphql: a second one fails with "Cannot use GraphQLObjectType from another module or realm".
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    // `*.pg-test.ts`: about PostgreSQL servers themselves (throwaway databases), so only with DATABASE_URL.
    include: ['src/**/*.test.ts', ...(process.env['DATABASE_URL'] ? ['src/**/*.pg-test.ts'] : [])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['vitest.global-setup.ts'],
  },
});
