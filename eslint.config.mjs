// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const NODE_COMMONJS_GLOBALS = { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly', console: 'readonly' };

const BROWSER_GLOBALS = Object.fromEntries(
  [
    'window',
    'document',
    'location',
    'history',
    'fetch',
    'sessionStorage',
    'crypto',
    'performance',
    'btoa',
    'URL',
    'URLSearchParams',
    'TextEncoder',
    'setTimeout',
    'console',
  ].map((name) => [name, 'readonly']),
);

/** Unit tests, contract suites and their helpers, the end-to-end tests. */
const TEST_FILES = ['**/*.spec.ts', '**/*.test.ts', '**/testing/**/*.ts', 'test/**/*.ts'];

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'src/statistics-page/bundle/'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Copying an object without some keys is written `const { status: _status, ...rest } = x`:
      // the underscore and the rest sibling say the key is dropped on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // The in-process adapters of async ports (InProcessLeaderElection, NumericLogOrder) have nothing
      // to await, and `async` keeps their failures rejections, as the engines' adapters' are. A
      // forgotten `await` — what this rule hopes to find — is no-floating-promises' job.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: TEST_FILES,
    rules: {
      // Tests read HTTP answers (supertest's `body` is `any`) and rows as the client sees them, and
      // `expect` checks their shape; a type on every body would be a cast that proves nothing.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: NODE_COMMONJS_GLOBALS },
  },
  {
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
  },
  {
    // The statistics page's own script runs in the browser as a module, beside the charting library's globals.
    files: ['src/statistics-page/web/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: BROWSER_GLOBALS },
  },
);
