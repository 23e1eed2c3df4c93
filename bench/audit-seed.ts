/**
 * A verifiable log to measure on: generated events with valid hash chains, their streams' heads,
 * the Merkle tree built the way the follower builds it, and a signed checkpoint over all of it.
 */
import { randomUUID } from 'node:crypto';
import { chainContent, chainHash, GENESIS_HASH } from '@lotse/event-store/canonical-json';
import { SqlDriver } from '@lotse/event-store/sql/sql-driver';
import { generateSignerKey, NoteSigner, parseSignerKey, StoredNode, TreeBuilder } from '@lotse/transparency';
import { CheckpointSigner } from '../src/audit-log/signing/checkpoint-signer';
import { Leaf, MerkleTreeStore } from '../src/audit-log/tree/merkle-tree-store';
import { walkLog } from '../src/audit-log/verification/raw-events';

const INSERT_BATCH = 5_000;

interface GeneratedEvent {
  streamId: string;
  version: number;
  event: { eventId: string; type: string; data: unknown; metadata: unknown; recordedAt: string };
  content: string;
  hash: string;
}

/** A pathway's worth of events: realistic envelopes, sealed-looking data, ten per stream. */
const generate = function* (count: number): Generator<GeneratedEvent> {
  const heads = new Map<string, string>();
  let stream = '';
  for (let i = 0; i < count; i += 1) {
    if (i % 10 === 0) stream = `pathway-${randomUUID()}`;
    const version = i % 10;
    const event = {
      eventId: randomUUID(),
      type: version === 0 ? 'PathwayOpened' : 'CaseStepRecorded',
      schemaVersion: 1,
      data: {
        pathwayId: stream.slice(8),
        kind: 'counselling',
        occurredAt: '2026-02-01T08:30:00.000Z',
        note: { sealed: 'v1.'.padEnd(120, 'x') },
      },
      metadata: {
        actor: 'coach-1',
        role: 'coach',
        municipality: 'neuss',
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: '2026-02-01T08:30:00.000Z',
      },
      recordedAt: new Date(Date.UTC(2026, 1, 1) + i).toISOString(),
    };
    const content = chainContent(stream, event);
    const hash = chainHash(heads.get(stream) ?? GENESIS_HASH, content);
    heads.set(stream, hash);
    yield { streamId: stream, version, event, content, hash };
  }
};

/** Inserts `count` generated events and their streams' heads into the store's tables. */
export const seedEvents = async (driver: SqlDriver, count: number): Promise<void> => {
  let batch: GeneratedEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await driver.query(
      `insert into events (stream_id, stream_version, event_id, type, schema_version, content, recorded_at, hash)
       select * from unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::timestamptz[], $8::text[])`,
      [
        batch.map((b) => b.streamId),
        batch.map((b) => b.version),
        batch.map((b) => b.event.eventId),
        batch.map((b) => b.event.type),
        batch.map(() => 1),
        batch.map((b) => b.content),
        batch.map((b) => b.event.recordedAt),
        batch.map((b) => b.hash),
      ],
    );
    const heads = batch.filter((b) => b.version === 9 || b === batch[batch.length - 1]);
    await driver.query(
      `insert into streams (stream_id, version, last_hash) select * from unnest($1::text[], $2::bigint[], $3::text[])
       on conflict (stream_id) do update set version = excluded.version, last_hash = excluded.last_hash`,
      [heads.map((h) => h.streamId), heads.map((h) => h.version), heads.map((h) => h.hash)],
    );
    batch = [];
  };
  for (const e of generate(count)) {
    batch.push(e);
    if (batch.length === INSERT_BATCH) await flush();
  }
  await flush();
  await driver.exec('analyze events');
};

/** The Merkle tree over the whole log, appended batch by batch as the follower does, and a signed checkpoint of it. */
export const seedTree = async (
  driver: SqlDriver,
): Promise<{ tree: MerkleTreeStore; signer: NoteSigner; checkpoints: CheckpointSigner }> => {
  const tree = new MerkleTreeStore(driver);
  await tree.init();
  const builder = TreeBuilder.empty();
  for await (const rows of walkLog(driver)) {
    const leaves: Leaf[] = [];
    const nodes: StoredNode[] = [];
    for (const r of rows) {
      leaves.push({ leafIndex: builder.size, position: Number(r.global_position), eventHash: r.hash });
      nodes.push(...builder.append(Buffer.from(r.hash, 'hex')));
    }
    await tree.append(builder.size - rows.length, leaves, nodes);
  }
  const signer = parseSignerKey(generateSignerKey('lotse.invalid/bench'));
  const checkpoints = new CheckpointSigner(tree, signer);
  await checkpoints.signCurrent();
  await driver.exec('analyze audit_leaves; analyze audit_nodes');
  return { tree, signer, checkpoints };
};
