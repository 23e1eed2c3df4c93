import { SqlCopyOut } from '@lotse/event-store';
import { copyOutput, int32, int64 } from '@lotse/event-store/testing/copy-binary-output';
import { hashCopiedRows } from './copied-links';
import { copiedLog, leavesCopy } from './copied-log';
import { ChainEnd } from './logged-batch';

const hashOf = (n: number): string => n.toString(16).padStart(64, '0');

/** An event row as the events' COPY sends it (see COPIED_SELECT). */
const eventRow = (position: number, streamId: string, version: number): Buffer[] => [
  int64(BigInt(position)),
  Buffer.from(streamId),
  int64(BigInt(version)),
  Buffer.alloc(16, position),
  Buffer.from('Happened'),
  int32(1),
  Buffer.from('{}'),
  int64(0n),
  Buffer.from(hashOf(position)),
];

/** A leaf row as the leaves' COPY sends it (see LEAF_SELECT). */
const leafRow = (index: number, position: number, hash = hashOf(position)): Buffer[] => [
  int64(BigInt(index)),
  int64(BigInt(position)),
  Buffer.from(hash, 'hex'),
];

/** Both COPYs from memory in small chunks, remembering which ran to their end. */
class CopyOfRows implements SqlCopyOut {
  readonly finished = new Set<string>();

  constructor(
    private readonly events: Buffer[][],
    private readonly leaves: Buffer[][],
  ) {}

  async *copyOut(sql: string): AsyncGenerator<Buffer> {
    const which = sql.includes('audit_leaves') ? 'leaves' : 'events';
    const data = copyOutput(which === 'leaves' ? this.leaves : this.events);
    for (let at = 0; at < data.length; at += 50) yield data.subarray(at, at + 50);
    this.finished.add(which);
  }
}

const EVENTS = [eventRow(10, 'a', 0), eventRow(11, 'b', 0), eventRow(12, 'a', 1), eventRow(14, 'a', 2), eventRow(15, 'b', 1)];

describe('copiedLog', () => {
  it('gives each batch the leaves of its places, in step, and reads a longer leaves COPY to its end', async () => {
    const leaves = [10, 11, 12, 14, 15, 16].map((p, i) => leafRow(i, p));
    const copy = new CopyOfRows(EVENTS, leaves);
    const batches = [];
    for await (const b of copiedLog(copy, new Map<string, ChainEnd>(), () => 2, 6)) batches.push(b);
    expect(batches.map((b) => [b.batch.from, b.batch.position, b.job.leafFields.length / 6])).toEqual([
      [0, [10, 11], 2],
      [2, [12, 14], 2],
      // The leaves are cut as the events were; the extra leaf rides along unread, then its COPY ends.
      [4, [15], 2],
    ]);
    expect(batches.flatMap((b) => b.batch.previousVersion)).toEqual([-1, -1, 0, 1, 0]);
    expect([...copy.finished].sort()).toEqual(['events', 'leaves']);
  });

  it('checks each event against the leaf at its place (index, position, hash); past the last leaf none', async () => {
    // Leaf 1 holds the right hash at the wrong position, leaf 2 the right position with another hash.
    const leaves = [leafRow(0, 10), leafRow(1, 12, hashOf(11)), leafRow(2, 12, hashOf(99))];
    const [{ job }] = await first(copiedLog(new CopyOfRows(EVENTS, leaves), new Map<string, ChainEnd>(), () => 8, 3));
    expect(job.leafFields.length / 6).toBe(3);
    expect([...hashCopiedRows(job).leafOk!]).toEqual([1, 0, 0, 0, 0]);
  });

  it('takes no tree size but a whole number, as it goes into the COPY as a literal', () => {
    expect(leavesCopy(3)).toContain('leaf_index < 3 ');
    for (const size of [1.5, -1, NaN, Infinity]) expect(() => leavesCopy(size)).toThrow(RangeError);
  });
});

const first = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  for await (const item of items) return [item];
  return [];
};
