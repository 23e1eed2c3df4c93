/**
 * Jest's setupFiles: every new PGlite database a test opens, in memory or in a directory that holds
 * none yet, starts from a freshly initialised cluster made once per run (make-pglite-template.ts)
 * instead of running initdb again: a new database measured 5.9 s of CPU with initdb (PGlite starts a
 * second instance and a separate initdb module for it) and 1.3 s from the template. It is still
 * the real PGlite with what initdb wrote, and an existing directory opens as it would; initdb itself
 * runs in the template's making and in every app process and script the tests start.
 */
import type { PGliteOptions } from '@electric-sql/pglite';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeOncePerRun } from './once-per-run';

const TEMPLATE = join(__dirname, '..', '..', 'node_modules', '.cache', 'lotse-pglite-template.tar');
const MEMORY = 'memory://';

/** A data directory PGlite would run initdb in: in memory, or on disk without a cluster yet. */
const isNew = (dataDir: string | undefined): boolean => !dataDir || dataDir.startsWith(MEMORY) || !existsSync(join(dataDir, 'PG_VERSION'));

let template: Buffer | undefined;
const templateBlob = (): Blob => {
  if (!template) {
    makeOncePerRun(TEMPLATE, 'test/support/make-pglite-template.ts');
    template = readFileSync(TEMPLATE);
  }
  return new Blob([template]);
};

/** PGlite.create(dataDir?, options?) or PGlite.create(options?), as PGlite reads its arguments. */
const optionsOf = (dataDirOrOptions?: string | PGliteOptions, options?: PGliteOptions): PGliteOptions =>
  typeof dataDirOrOptions === 'string' ? { ...options, dataDir: dataDirOrOptions } : { ...(dataDirOrOptions ?? options) };

jest.mock('@electric-sql/pglite', () => {
  const actual = jest.requireActual<typeof import('@electric-sql/pglite')>('@electric-sql/pglite');
  const create = (dataDirOrOptions?: string | PGliteOptions, options?: PGliteOptions) => {
    const resolved = optionsOf(dataDirOrOptions, options);
    if (!resolved.loadDataDir && isNew(resolved.dataDir)) resolved.loadDataDir = templateBlob();
    return actual.PGlite.create(resolved);
  };
  // The class itself (its instances, instanceof), with only its factory replaced.
  const PGlite = new Proxy(actual.PGlite, {
    get: (target, key, receiver) => (key === 'create' ? create : Reflect.get(target, key, receiver)),
  });
  return { ...actual, PGlite };
});
