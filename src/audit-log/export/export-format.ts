/**
 * The lines of an exported log (NDJSON), in this order: one header, the events as stored (leaf by
 * leaf, sealed fields still sealed), the signed checkpoint, the range proof, and a consistency
 * proof when asked for. `npm run audit -- verify` reads exactly this.
 */
export const EXPORT_FORMAT = 'lotse-audit-export/1';

export interface ExportHeader {
  kind: 'header';
  format: typeof EXPORT_FORMAT;
  origin: string;
  /** The tree of the checkpoint that closes the export. */
  treeSize: number;
  /** The leaves in the export: [fromLeaf, toLeaf). */
  fromLeaf: number;
  toLeaf: number;
  exportedAt: string;
}

export interface ExportEvent {
  kind: 'event';
  leafIndex: number;
  position: number;
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  recordedAt: string;
  /** The hash of the stream's event before (empty for version 0): lets each line's hash be recomputed alone. */
  previousHash: string;
  hash: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface ExportCheckpoint {
  kind: 'checkpoint';
  note: string;
}

/** The subtree hashes (base64) outside [fromLeaf, toLeaf) that complete the root, left to right. */
export interface ExportRangeProof {
  kind: 'range_proof';
  hashes: string[];
}

/** RFC 9162 consistency proof from an earlier tree size to the export's. */
export interface ExportConsistency {
  kind: 'consistency';
  fromSize: number;
  proof: string[];
}

export type ExportLine = ExportHeader | ExportEvent | ExportCheckpoint | ExportRangeProof | ExportConsistency;
