// One ESLint config for the whole repository (flat config).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Globals core/ may not touch: timers, I/O, randomness sources and the browser's objects. */
const CORE_BANNED_GLOBALS = [
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'queueMicrotask',
  'requestAnimationFrame',
  'performance',
  'fetch',
  'crypto',
  'document',
  'window',
  'navigator',
  'localStorage',
  'sessionStorage',
  'process',
  'Buffer',
];
/** Modules only Node (or a server) has; bare names go to `paths`, which match the whole name only. */
const NODE_ONLY = [{ group: ['node:*', 'socket.io', 'better-sqlite3'], message: 'I/O belongs to the edge' }];
const NODE_BARE = ['fs', 'net', 'http', 'https', 'path', 'os', 'child_process', 'crypto'].map((name) => ({
  name,
  message: 'I/O belongs to the edge',
}));

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'client/dist/',
      'data/',
      'test/artifacts/',
      'bench/results/',
      'coverage/',
      '.tsbuild/',
      // Deliberately impure files that test/unit/purity-walls.test.ts lints as if they sat in core/.
      'test/fixtures/purity-probe/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      // core/ is pure: time and randomness come in through events and the seeded PRNG; no I/O, no
      // timers, no browser or Node globals (core/tsconfig.json has no DOM or Node types either).
      'no-restricted-globals': ['error', ...CORE_BANNED_GLOBALS],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core/ is pure: take t from events' },
        { object: 'Math', property: 'random', message: 'core/ is pure: use core/random.ts' },
        ...CORE_BANNED_GLOBALS.map((name) => ({
          object: 'globalThis',
          property: name,
          message: `core/ is pure: no ${name}`,
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'core/ is pure: new Date() reads the clock; pass the time in (new Date(t) is fine)',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BARE,
          patterns: [
            ...NODE_ONLY,
            { group: ['**/server/**', '**/client/**'], message: 'core/ imports neither server/ nor client/' },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/xr/build/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BARE,
          patterns: [
            ...NODE_ONLY,
            { group: ['**/server/**'], message: 'the client talks to the server over the wire, never by import' },
            {
              group: ['**/core/protocol.js'],
              allowTypeImports: true,
              message: 'a value import bundles zod and every schema; PROTOCOL_VERSION is in core/protocol-version.ts',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/client/**'], message: 'the server never imports the client' }] },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
