import { join } from 'node:path';
import { makeOncePerRun } from './once-per-run';

const ROOT = join(__dirname, '..', '..');

/**
 * Where the app and its command-line scripts are compiled for the tests that start them as
 * processes (scripts/compile-sources.ts):
 * inside the repository so that node_modules resolves, under node_modules so that no tool lints or commits it.
 */
export const COMPILED_APP_DIR = join(ROOT, 'node_modules', '.cache', 'lotse-test-app');

/** The compiled `src/main.ts`. */
export const COMPILED_MAIN = join(COMPILED_APP_DIR, 'src', 'main.js');

/** Compiled beside the app: the command-line scripts (`npm run projections` and the like) and what they import. */
const EXTRA_TREES = ['scripts'];

/** Compiles the app once per test run, on the first start of an app or script process (see once-per-run.ts). */
export const ensureCompiledApp = (): void => makeOncePerRun(COMPILED_APP_DIR, 'scripts/compile-sources.ts', EXTRA_TREES);
