import { join } from 'node:path';

/**
 * Where the tests' global setup compiles the app (scripts/compile-sources.ts): inside the
 * repository so that node_modules resolves, under node_modules so that no tool lints or commits it.
 */
export const COMPILED_APP_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'lotse-test-app');

/** The compiled `src/main.ts`. */
export const COMPILED_MAIN = join(COMPILED_APP_DIR, 'src', 'main.js');
