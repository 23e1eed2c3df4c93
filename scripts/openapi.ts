/**
 * `npm run openapi` writes the OpenAPI document the app serves at /docs-json to docs/openapi.json
 * and the TypeScript types openapi-typescript derives from it to test/support/contract/lotse-api.d.ts.
 * Both are committed: a diff shows what a change does to the contract, the linters read the file
 * without starting the app, and a test fails when either no longer matches the code.
 *
 * `--check` writes nothing and exits 1 when either file is out of date.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generatedContract, OPENAPI_FILE, TYPES_FILE } from '../test/support/contract/generated-contract';

const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const dataDir = mkdtempSync(join(tmpdir(), 'lotse-openapi-'));
  try {
    const { document, types } = await generatedContract(dataDir);
    const files: [string, string][] = [
      [OPENAPI_FILE, document],
      [TYPES_FILE, types],
    ];
    if (values.check) {
      const stale = files.filter(([file, text]) => readOrEmpty(file) !== text).map(([file]) => file);
      if (stale.length > 0) {
        process.stderr.write(`out of date: ${stale.join(', ')}; run npm run openapi\n`);
        process.exitCode = 1;
      }
      return;
    }
    for (const [file, text] of files) writeFileSync(file, text);
    process.stdout.write(`wrote ${files.map(([file]) => file).join(' and ')}\n`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const readOrEmpty = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

void main();
