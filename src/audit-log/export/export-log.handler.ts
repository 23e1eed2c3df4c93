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
import { exportLines } from './export-lines';

/** What an export will hold, decided (and refused, with 4xx) before the first byte is sent. */
export interface ExportPlan {
  checkpoint: StoredCheckpoint;
  header: ExportHeader;
  consistencyFrom?: number;
}

/**
 * Streams leaves of the latest checkpoint's tree as NDJSON, a batch of lines at a time (see
 * exportLines), so memory stays flat however long the log; `write` waits for the socket to drain
 * (back-pressure), and no further batch is read meanwhile.
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

  /** Writes the planned export; `write` resolves when the line may be followed by the next. */
  async stream(plan: ExportPlan, write: (chunk: string | Buffer) => Promise<void>): Promise<void> {
    const tree = requireTree(this.store);
    const { header, checkpoint } = plan;
    await write(`${JSON.stringify(header)}\n`);
    for await (const chunk of exportLines(this.driver!, header.fromLeaf, header.toLeaf)) await write(chunk);
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
