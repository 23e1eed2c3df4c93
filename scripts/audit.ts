/**
 * The auditor's offline tools; no server, no database.
 *
 *   npm run --silent audit -- verify <export.ndjson> [--public-key <file>] [--checkpoint <file>]
 *     checks an export of GET /audit/log: every event's hash, the chains, the signed checkpoint, the
 *     root, and (with --checkpoint, a note saved earlier) that the export extends that checkpoint.
 *     Exit 0 and one line "ok …" when it holds; exit 1 and "line N: <reason>: …" at the first bad line.
 *   npm run --silent audit -- keygen <origin>
 *     prints a new LOTSE_SIGNING_KEY (signed-note signer key) and, on stderr, its verifier key.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { generateSignerKey, parseSignerKey } from '@lotse/transparency';
import { verifyExport } from '../src/audit-log/export/verify-export';

const USAGE =
  'usage: npm run --silent audit -- verify <export.ndjson> [--public-key <file>] [--checkpoint <file>]\n' +
  '       npm run --silent audit -- keygen <origin>';

const verify = async (args: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'public-key': { type: 'string' }, checkpoint: { type: 'string' } },
  });
  if (positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const lines = createInterface({ input: createReadStream(positionals[0], 'utf8'), crlfDelay: Infinity });
  const result = await verifyExport(lines, {
    publicKey: values['public-key'] && readFileSync(values['public-key'], 'utf8'),
    savedCheckpoint: values.checkpoint && readFileSync(values.checkpoint, 'utf8'),
  });
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (!result.ok) {
    process.stdout.write(`line ${result.failure!.line}: ${result.failure!.message}\n`);
    return 1;
  }
  process.stdout.write(`ok: ${result.events} events verified against the signed checkpoint of tree size ${result.treeSize}\n`);
  return 0;
};

const keygen = (args: string[]): number => {
  if (args.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const key = generateSignerKey(args[0]);
  process.stdout.write(`${key}\n`);
  process.stderr.write(`verifier key: ${parseSignerKey(key).verifierKey}\n`);
  return 0;
};

const main = async (argv: string[]): Promise<number> => {
  const [command, ...rest] = argv;
  try {
    if (command === 'verify') return await verify(rest);
    if (command === 'keygen') return keygen(rest);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  } catch (error) {
    process.stderr.write(`audit: ${(error as Error).message}\n`);
    return 2;
  }
};

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
