import { chainContent, chainHash } from '@lotse/event-store';
import {
  NoteFormatError,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  rootFromRange,
  leafHash,
  TreeBuilder,
  verifyConsistency,
  Checkpoint,
} from '@lotse/transparency';
import { EXPORT_FORMAT, ExportEvent, ExportHeader, ExportLine } from './export-format';

export interface ExportVerification {
  ok: boolean;
  events: number;
  treeSize?: number;
  /** The first bad line (1-based) and what is wrong with it. */
  failure?: { line: number; message: string };
  /** What could not be checked, e.g. the signature without a public key. */
  warnings: string[];
}

export interface VerifyExportOptions {
  /** The verifier key line (`<origin>+<hash>+<base64>`), or the JSON of GET /audit/public-key. */
  publicKey?: string;
  /** A checkpoint saved earlier: the note text, or the JSON of a checkpoint route. */
  savedCheckpoint?: string;
}

class LineError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const fromJsonOr = (text: string, field: string): string => {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return text;
  const value = (JSON.parse(trimmed) as Record<string, unknown>)[field];
  if (typeof value !== 'string') throw new NoteFormatError(`the JSON has no ${field}`);
  return value;
};

const b64 = (s: string) => Buffer.from(s, 'base64');

/**
 * Checks an export of GET /audit/log with no server and no database: each event's hash from its
 * content and predecessor, the links within each stream, the leaves in order, the checkpoint's
 * signature, the root from the leaves and the range proof, and, given a checkpoint saved earlier,
 * that the exported tree extends it. Memory: 32 bytes per exported event and one entry per stream.
 */
export const verifyExport = async (lines: AsyncIterable<string>, options: VerifyExportOptions = {}): Promise<ExportVerification> => {
  const warnings: string[] = [];
  let header: ExportHeader | undefined;
  let checkpoint: (Checkpoint & { line: number }) | undefined;
  let leaves = Buffer.alloc(0);
  let count = 0;
  let lineNo = 0;
  let sawRangeProof = false;
  let consistency: { fromSize: number; proof: Buffer[]; line: number } | undefined;
  const streams = new Map<string, { version: number; hash: string }>();
  const verifier = options.publicKey ? parseVerifierKey(fromJsonOr(options.publicKey, 'verifierKey')) : undefined;
  if (!verifier) warnings.push('no --public-key: the checkpoint signature was not checked');
  let root: Buffer | undefined;
  try {
    for await (const raw of lines) {
      lineNo += 1;
      if (raw.trim() === '') continue;
      let line: ExportLine;
      try {
        line = JSON.parse(raw) as ExportLine;
      } catch {
        throw new LineError(lineNo, 'not JSON');
      }
      if (!header) {
        if (line.kind !== 'header' || line.format !== EXPORT_FORMAT)
          throw new LineError(lineNo, `the first line is not a ${EXPORT_FORMAT} header`);
        header = line;
        leaves = Buffer.alloc(32 * (header.toLeaf - header.fromLeaf));
        continue;
      }
      switch (line.kind) {
        case 'event':
          checkEvent(line, header.fromLeaf + count, streams, lineNo);
          if (count >= header.toLeaf - header.fromLeaf) throw new LineError(lineNo, 'more events than the header announces');
          leafHash(Buffer.from(line.hash, 'hex')).copy(leaves, 32 * count);
          count += 1;
          break;
        case 'checkpoint': {
          if (count !== header.toLeaf - header.fromLeaf) {
            throw new LineError(
              lineNo,
              `missing_event: leaf ${header.fromLeaf + count} is not in the export (it ends after ${count} of ${header.toLeaf - header.fromLeaf} events)`,
            );
          }
          let text: string;
          try {
            text = verifier ? openNote(line.note, verifier) : line.note.slice(0, line.note.lastIndexOf('\n\n') + 1);
            checkpoint = { ...parseCheckpoint(text), line: lineNo };
          } catch (error) {
            throw new LineError(lineNo, `the checkpoint does not verify: ${(error as Error).message}`);
          }
          if (checkpoint.treeSize !== header.treeSize || checkpoint.origin !== header.origin) {
            throw new LineError(lineNo, 'the checkpoint is not the one the header names');
          }
          break;
        }
        case 'range_proof': {
          if (!checkpoint) throw new LineError(lineNo, 'a range proof before the checkpoint');
          try {
            root = rootFromRange(
              header.fromLeaf,
              header.toLeaf,
              header.treeSize,
              (i) => leaves.subarray(32 * (i - header!.fromLeaf), 32 * (i - header!.fromLeaf + 1)),
              line.hashes.map(b64),
            );
          } catch (error) {
            throw new LineError(lineNo, `root_mismatch: ${(error as Error).message}`);
          }
          if (!root.equals(checkpoint.rootHash)) {
            throw new LineError(lineNo, 'root_mismatch: the exported events and the range proof do not give the signed root');
          }
          sawRangeProof = true;
          break;
        }
        case 'consistency':
          consistency = { fromSize: line.fromSize, proof: line.proof.map(b64), line: lineNo };
          break;
        default:
          throw new LineError(lineNo, `unknown line kind ${JSON.stringify((line as { kind?: unknown }).kind)}`);
      }
    }
    if (!header) throw new LineError(lineNo, 'the export is empty');
    if (!checkpoint || !sawRangeProof || !root) throw new LineError(lineNo, 'the export ends before its checkpoint and range proof');
    if (options.savedCheckpoint !== undefined) checkSaved(options.savedCheckpoint, verifier, header, root, leaves, consistency, lineNo);
    return { ok: true, events: count, treeSize: header.treeSize, warnings };
  } catch (error) {
    if (error instanceof LineError) return { ok: false, events: count, failure: { line: error.line, message: error.message }, warnings };
    throw error;
  }
};

const checkEvent = (
  e: ExportEvent,
  expectedLeaf: number,
  streams: Map<string, { version: number; hash: string }>,
  lineNo: number,
): void => {
  if (e.leafIndex !== expectedLeaf) {
    throw new LineError(
      lineNo,
      `${e.leafIndex > expectedLeaf ? 'missing_event' : 'reordered'}: expected leaf ${expectedLeaf}, found ${e.leafIndex}`,
    );
  }
  const known = streams.get(e.streamId);
  if (known) {
    if (e.streamVersion !== known.version + 1)
      throw new LineError(lineNo, `version_gap: ${e.streamId} goes from version ${known.version} to ${e.streamVersion}`);
    if (e.previousHash !== known.hash)
      throw new LineError(lineNo, `hash_mismatch: previousHash is not the hash of ${e.streamId} version ${known.version}`);
  } else if ((e.streamVersion === 0) !== (e.previousHash === '')) {
    throw new LineError(lineNo, `version_gap: ${e.streamId} version ${e.streamVersion} with ${e.previousHash ? 'a' : 'no'} previous hash`);
  }
  if (chainHash(e.previousHash, chainContent(e.streamId, e)) !== e.hash) {
    throw new LineError(lineNo, `hash_mismatch: the event at position ${e.position} does not give its hash`);
  }
  streams.set(e.streamId, { version: e.streamVersion, hash: e.hash });
};

/** The export's tree must extend the saved checkpoint: rebuilt from the leaves when they start at 0, else by consistency proof. */
const checkSaved = (
  saved: string,
  verifier: ReturnType<typeof parseVerifierKey> | undefined,
  header: ExportHeader,
  root: Buffer,
  leaves: Buffer,
  consistency: { fromSize: number; proof: Buffer[]; line: number } | undefined,
  lastLine: number,
): void => {
  let earlier: Checkpoint;
  try {
    const note = fromJsonOr(saved, 'note');
    earlier = parseCheckpoint(verifier ? openNote(note, verifier) : note.slice(0, note.lastIndexOf('\n\n') + 1));
  } catch (error) {
    throw new LineError(0, `the saved checkpoint does not verify: ${(error as Error).message}`);
  }
  if (earlier.origin !== header.origin) throw new LineError(1, `the saved checkpoint is of another log (${earlier.origin})`);
  if (earlier.treeSize > header.treeSize)
    throw new LineError(1, `the saved checkpoint (${earlier.treeSize}) is newer than the export (${header.treeSize})`);
  if (header.fromLeaf === 0 && earlier.treeSize <= header.toLeaf) {
    const builder = TreeBuilder.empty();
    for (let i = 0; i < earlier.treeSize; i += 1) builder.appendLeafHash(leaves.subarray(32 * i, 32 * (i + 1)));
    if (!builder.root().equals(earlier.rootHash)) {
      throw new LineError(lastLine, `root_mismatch: the first ${earlier.treeSize} exported events do not give the saved checkpoint's root`);
    }
    return;
  }
  if (!consistency || consistency.fromSize !== earlier.treeSize) {
    throw new LineError(
      lastLine,
      `no consistency proof from the saved tree size ${earlier.treeSize}: export with ?consistencyFrom=${earlier.treeSize}`,
    );
  }
  if (!verifyConsistency(earlier.treeSize, header.treeSize, earlier.rootHash, root, consistency.proof)) {
    throw new LineError(consistency.line, 'root_mismatch: the export does not extend the saved checkpoint');
  }
};
