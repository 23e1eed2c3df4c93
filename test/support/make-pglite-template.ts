/**
 * `node -r @swc-node/register test/support/make-pglite-template.ts <file>` writes a freshly
 * initialised PGlite cluster as a tarball: what initdb writes is the same for every new database
 * of one PGlite version. pglite-from-template.ts makes it once per test run and starts the tests'
 * new databases from it.
 */
import { PGlite } from '@electric-sql/pglite';
import { renameSync, writeFileSync } from 'node:fs';

const writeTemplate = async (file: string): Promise<void> => {
  const db = await PGlite.create();
  try {
    // The way PGlite's own clone() copies a database; uncompressed, since it is read far more often than written.
    const tarball = await db.dumpDataDir('none');
    const partial = `${file}.partial`;
    writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await db.close();
  }
};

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node -r @swc-node/register test/support/make-pglite-template.ts <file>\n');
  process.exit(2);
}
writeTemplate(file).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
