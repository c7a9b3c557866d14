import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// packages/domain runs on the phone and on the server alike: pure functions, no I/O of any kind.
const DOMAIN_IS_PURE = 'packages/domain is pure TypeScript shared by phone and server: no I/O, no platform modules (relative imports only).';
const FEATURE_INTERNALS =
  "A repository is its feature's own: another feature goes through that feature's service (wired in src/services.ts). See CONTRIBUTING.md.";

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', 'test/artifacts/**', 'apps/pwa/src/gql/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // Type-aware rules where a mistake costs data or hides a failure: a promise nobody awaits (a write that
    // may not happen, an error nobody sees), a promise where a boolean or a callback is expected, a missed case.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\.{1,2}/)', message: DOMAIN_IS_PURE }] }],
      'no-restricted-globals': [
        'error',
        ...['process', 'fetch', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'XMLHttpRequest', 'WebSocket', 'require'].map(
          (name) => ({ name, message: DOMAIN_IS_PURE }),
        ),
      ],
    },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(?!shared/)[^/]+/[^/]+\\.repository(\\.js)?$', message: FEATURE_INTERNALS }] }],
    },
  },
  {
    // apps/pwa/src/data is the only code that touches IndexedDB (one place decides what a device keeps).
    files: ['apps/pwa/src/**/*.ts', 'apps/pwa/src/**/*.tsx'],
    ignores: ['apps/pwa/src/data/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'idb', message: 'Only apps/pwa/src/data touches IndexedDB.' }] }],
      'no-restricted-globals': ['error', { name: 'indexedDB', message: 'Only apps/pwa/src/data touches IndexedDB.' }],
    },
  },
  {
    files: ['**/*.test.ts', 'bench/**', 'test/**', '**/print-schema.ts', '**/scripts/**', 'docs/examples/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The partner API's runnable example: plain Node 20, as a partner would run it.
    files: ['docs/examples/**/*.mjs'],
    languageOptions: {
      globals: { Buffer: 'readonly', process: 'readonly', console: 'readonly', fetch: 'readonly', setTimeout: 'readonly', URLSearchParams: 'readonly' },
    },
  },
  {
    files: ['**/scripts/**/*.mjs'],
    languageOptions: { globals: { Buffer: 'readonly', process: 'readonly', console: 'readonly' } },
  },
);
