/**
 * Jest's setupFiles: every new PGlite database a test opens, in memory or in a directory that holds
 * none yet, starts from a freshly initialised cluster (pglite-template.ts, made by Jest's global
 * setup) instead of running initdb again: a new database measured 5.9 s of CPU with initdb (PGlite
 * starts a second instance and a separate initdb module for it) and 1.3 s from the template. It is
 * still the real PGlite with what initdb wrote, and an existing directory opens as it would; initdb
 * itself runs in the template's making and in every app process and script the tests start.
 */
import type { PGliteOptions } from '@electric-sql/pglite';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePgliteTemplate, PGLITE_TEMPLATE } from './pglite-template';

const MEMORY = 'memory://';

/** A data directory PGlite would run initdb in: in memory, or on disk without a cluster yet. */
const isNew = (dataDir: string | undefined): boolean => !dataDir || dataDir.startsWith(MEMORY) || !existsSync(join(dataDir, 'PG_VERSION'));

let template: Uint8Array | undefined;

/**
 * The template as PGlite's loadDataDir reads it: its `type` and a copy of its bytes from
 * `arrayBuffer()`, which is all PGlite asks of it. A Blob of the 40 MB tarball cost ~0.55 s of CPU
 * per database to build and read back; a copy of the bytes costs a few milliseconds.
 */
const templateData = (): Blob => {
  if (!template) {
    // Made by the global setup; made here only if it went missing since.
    ensurePgliteTemplate();
    template = readFileSync(PGLITE_TEMPLATE);
  }
  const bytes = template;
  const tarball = { type: 'application/x-tar', arrayBuffer: async () => bytes.slice().buffer };
  return tarball as unknown as Blob;
};

/** PGlite.create(dataDir?, options?) or PGlite.create(options?), as PGlite reads its arguments. */
const optionsOf = (dataDirOrOptions?: string | PGliteOptions, options?: PGliteOptions): PGliteOptions =>
  typeof dataDirOrOptions === 'string' ? { ...options, dataDir: dataDirOrOptions } : { ...(dataDirOrOptions ?? options) };

jest.mock('@electric-sql/pglite', () => {
  const actual = jest.requireActual<typeof import('@electric-sql/pglite')>('@electric-sql/pglite');
  const create = (dataDirOrOptions?: string | PGliteOptions, options?: PGliteOptions) => {
    const resolved = optionsOf(dataDirOrOptions, options);
    if (!resolved.loadDataDir && isNew(resolved.dataDir)) resolved.loadDataDir = templateData();
    return actual.PGlite.create(resolved);
  };
  // The class itself (its instances, instanceof), with only its factory replaced.
  const PGlite = new Proxy(actual.PGlite, {
    get: (target, key, receiver) => (key === 'create' ? create : Reflect.get(target, key, receiver)),
  });
  return { ...actual, PGlite };
});
