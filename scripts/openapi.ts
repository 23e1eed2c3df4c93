/**
 * `npm run openapi` writes the OpenAPI document the app serves at /docs-json to docs/openapi.json,
 * and the TypeScript types openapi-typescript derives from it to test/support/contract/lotse-api.ts.
 * Both are committed: a diff shows what a change does to the contract, the linters read the file
 * without starting the app, the contract test's client compiles against the types, and that
 * test fails when either no longer matches the code.
 *
 * `--check-types` starts no app: it exits 1 when the committed types do not follow from the
 * committed document (the contract test compares the document with the app's itself).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { clientTypesOf } from '../test/support/contract/client-types';
import { OPENAPI_FILE, TYPES_FILE } from '../test/support/contract/contract-files';

/** The app is loaded only here, so that `--check-types` answers without loading Nest. */
const servedDocument = async (): Promise<string> => {
  const { loadConfig } = await import('../src/config');
  const { createApp, startApp } = await import('../src/create-app');
  const { documentTextOf } = await import('../test/support/contract/generated-contract');
  const dataDir = mkdtempSync(join(tmpdir(), 'lotse-openapi-'));
  const app = await createApp(
    loadConfig({
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'openapi-generation-only-000000000000000',
      DATA_DIR: dataDir,
      EVENT_STORE_URL: `pglite:${dataDir}/lotse`,
    }),
  );
  try {
    await startApp(app);
    return await documentTextOf(app);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { 'check-types': { type: 'boolean', default: false } } });
  if (values['check-types']) {
    if (readFileSync(TYPES_FILE, 'utf8') !== (await clientTypesOf(readFileSync(OPENAPI_FILE, 'utf8')))) {
      process.stderr.write(`${TYPES_FILE} does not follow from ${OPENAPI_FILE}; run npm run openapi\n`);
      process.exitCode = 1;
    }
    return;
  }
  const document = await servedDocument();
  writeFileSync(OPENAPI_FILE, document);
  writeFileSync(TYPES_FILE, await clientTypesOf(document));
  process.stdout.write(`wrote ${OPENAPI_FILE} and ${TYPES_FILE}\n`);
};

void main();
