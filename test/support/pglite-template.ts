import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeIfMissing } from './once-per-run';

const ROOT = join(__dirname, '..', '..');

/** What initdb writes depends on PGlite's version alone, so a template of that version is kept for later runs. */
const pgliteVersion = (): string =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string }).version;

/** A freshly initialised PGlite cluster as a tarball (make-pglite-template.ts), named by the PGlite version that wrote it. */
export const PGLITE_TEMPLATE = join(ROOT, 'node_modules', '.cache', `lotse-pglite-template-${pgliteVersion()}.tar`);

/**
 * Makes the template unless it exists. Jest's global setup calls it, so that no test's hook waits
 * (inside its timeout, on a busy machine for many seconds) for initdb, or for another worker running it.
 */
export const ensurePgliteTemplate = (): void => makeIfMissing(PGLITE_TEMPLATE, 'test/support/make-pglite-template.ts');
