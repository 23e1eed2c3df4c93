import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@lotse/domain';
import { SqlDriver } from '@lotse/event-store';
import { consistencyProof, hashRanges, rangeProofRanges } from '@lotse/transparency';
import { AuthenticatedUser } from '../../auth';
import { AUDIT_SQL, EXPORT_ACCESS_RECORDER, MERKLE_TREE_STORE } from '../audit-log.tokens';
import { requireTree } from '../require-tree';
import { CheckpointSigner } from '../signing/checkpoint-signer';
import { MerkleTreeStore, StoredCheckpoint } from '../tree/merkle-tree-store';
import { ExportAccessRecorder } from './export-access-recorder';
import { EXPORT_FORMAT, ExportHeader } from './export-format';
import { ExportLogQuery } from './export-log.dto';

const BATCH = 2_000;

/** What an export will hold, decided (and refused, with 4xx) before the first byte is sent. */
export interface ExportPlan {
  checkpoint: StoredCheckpoint;
  header: ExportHeader;
  consistencyFrom?: number;
}

interface ExportRow {
  leaf_index: string;
  global_position: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  type: string;
  schema_version: number;
  recorded_at: string;
  hash: string;
  previous_hash: string | null;
  data: string;
  metadata: string;
}

/**
 * Streams leaves of the latest checkpoint's tree as NDJSON in batches of a few thousand rows by
 * leaf index, so memory stays flat however long the log; `write` waits for the socket to drain
 * (back-pressure). Data and metadata go out as the database's JSON text, unparsed.
 */
@Injectable()
export class ExportLogHandler {
  constructor(
    @Inject(MERKLE_TREE_STORE) private readonly store: MerkleTreeStore | undefined,
    @Inject(AUDIT_SQL) private readonly driver: SqlDriver | undefined,
    @Inject(EXPORT_ACCESS_RECORDER) private readonly recorder: ExportAccessRecorder,
    private readonly signer: CheckpointSigner,
  ) {}

  async plan(user: AuthenticatedUser, query: ExportLogQuery, purpose?: string): Promise<ExportPlan> {
    const tree = requireTree(this.store);
    // Sign the tree as it stands, so an export is never behind the log by more than the tree follower is.
    const checkpoint = await this.signer.signCurrent();
    if (!checkpoint) throw new DomainError('not_found', 'the log is empty: nothing to export');
    const leafOf = async (position: number, name: string) => {
      const leaf = await tree.leafAtPosition(position);
      if (!leaf || leaf.leafIndex >= checkpoint.treeSize) {
        throw new DomainError(
          'not_found',
          `${name} ${position} names no event of the latest checkpoint (tree size ${checkpoint.treeSize})`,
        );
      }
      return leaf.leafIndex;
    };
    const fromLeaf = query.fromPosition === undefined ? 0 : await leafOf(query.fromPosition, 'fromPosition');
    const toLeaf = query.toPosition === undefined ? checkpoint.treeSize : (await leafOf(query.toPosition, 'toPosition')) + 1;
    if (toLeaf < fromLeaf) {
      throw new DomainError('validation_failed', 'toPosition comes before fromPosition in the log', {
        errors: [{ field: 'toPosition', message: 'toPosition must not come before fromPosition in log order' }],
      });
    }
    if (query.consistencyFrom !== undefined && query.consistencyFrom > checkpoint.treeSize) {
      throw new DomainError(
        'validation_failed',
        `consistencyFrom ${query.consistencyFrom} is beyond the tree size ${checkpoint.treeSize}`,
        {
          errors: [{ field: 'consistencyFrom', message: `must be at most ${checkpoint.treeSize}` }],
        },
      );
    }
    await this.recorder.record({ user, route: 'GET /audit/log', fromLeaf, toLeaf, purpose });
    return {
      checkpoint,
      consistencyFrom: query.consistencyFrom,
      header: {
        kind: 'header',
        format: EXPORT_FORMAT,
        origin: this.signer.origin,
        treeSize: checkpoint.treeSize,
        fromLeaf,
        toLeaf,
        exportedAt: new Date().toISOString(),
      },
    };
  }

  private readBatch(from: number, end: number): Promise<ExportRow[]> {
    return this.driver!.query<ExportRow>(EXPORT_BATCH_SQL, [from, Math.min(from + BATCH, end)]);
  }

  /** Writes the planned export; `write` resolves when the line may be followed by the next. */
  async stream(plan: ExportPlan, write: (chunk: string) => Promise<void>): Promise<void> {
    const tree = requireTree(this.store);
    const { header, checkpoint } = plan;
    await write(`${JSON.stringify(header)}\n`);
    // The next batch is read while this one is written: the database and the socket overlap.
    let next = header.fromLeaf < header.toLeaf ? this.readBatch(header.fromLeaf, header.toLeaf) : undefined;
    try {
      for (let at = header.fromLeaf; next; at += BATCH) {
        const rows = await next;
        next = at + BATCH < header.toLeaf ? this.readBatch(at + BATCH, header.toLeaf) : undefined;
        let chunk = '';
        for (const r of rows) chunk += eventLine(r);
        if (chunk) await write(chunk);
      }
    } finally {
      next?.catch(() => undefined);
    }
    await write(`${JSON.stringify({ kind: 'checkpoint', note: checkpoint.note })}\n`);
    const range = await hashRanges(rangeProofRanges(header.fromLeaf, header.toLeaf, header.treeSize), tree.readNodes);
    await write(`${JSON.stringify({ kind: 'range_proof', hashes: range.map((h) => h.toString('base64')) })}\n`);
    if (plan.consistencyFrom !== undefined) {
      const proof = await consistencyProof(plan.consistencyFrom, header.treeSize, tree.readNodes);
      await write(
        `${JSON.stringify({ kind: 'consistency', fromSize: plan.consistencyFrom, proof: proof.map((h) => h.toString('base64')) })}\n`,
      );
    }
  }
}

const EXPORT_BATCH_SQL = `select l.leaf_index::text, e.global_position::text, e.stream_id, e.stream_version::text, e.event_id::text, e.type,
        e.schema_version, to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at,
        e.hash, p.hash as previous_hash, e.data::text as data, e.metadata::text as metadata
   from audit_leaves l
   join events e on e.global_position = l.global_position
   left join events p on p.stream_id = e.stream_id and p.stream_version = e.stream_version - 1
  where l.leaf_index >= $1 and l.leaf_index < $2
  order by l.leaf_index`;

const eventLine = (r: ExportRow): string =>
  `{"kind":"event","leafIndex":${r.leaf_index},"position":${r.global_position},"streamId":${JSON.stringify(r.stream_id)},` +
  `"streamVersion":${r.stream_version},"eventId":"${r.event_id}","type":${JSON.stringify(r.type)},"schemaVersion":${r.schema_version},` +
  `"recordedAt":"${r.recorded_at}","previousHash":${JSON.stringify(r.previous_hash ?? '')},"hash":${JSON.stringify(r.hash)},` +
  `"data":${r.data},"metadata":${r.metadata}}\n`;
