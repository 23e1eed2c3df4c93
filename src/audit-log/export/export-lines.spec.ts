import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import {
  acquirePglite,
  canonicalJson,
  chainContent,
  PgliteDriver,
  PostgresDriver,
  releasePglite,
  SqlDriver,
  SqlEventStore,
} from '@lotse/event-store';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '@lotse/event-store/testing/postgres-test-database';
import { MerkleTreeStore } from '../tree/merkle-tree-store';
import { exportLines } from './export-lines';
import { PreviousHashes } from './previous-hashes';

interface Stored {
  streamId: string;
  version: number;
  type: string;
  data: unknown;
  hash: string;
}

/** Names and values JSON has to escape: quotes, backslashes, control characters, non-ASCII. */
const awkward: Omit<Stored, 'hash'>[] = [
  { streamId: 'pathway-"quoted"', version: 0, type: 'PathwayOpened', data: { note: 'line\nbreak\t"tab"' } },
  { streamId: 'participant-ü\\ß', version: 0, type: 'Weird"Type', data: { name: 'Zoë 🙂', nested: { list: [1, 2.5, null] } } },
  { streamId: 'pathway-"quoted"', version: 1, type: 'CaseStepRecorded', data: { control: '\u0001\u001f', slash: 'a/b' } },
  { streamId: 'participant-ü\\ß', version: 1, type: 'Renamed', data: {} },
  { streamId: 'pathway-"quoted"', version: 2, type: 'CaseStepRecorded', data: { sealed: 'v1.xyz' } },
];

const hexHash = (i: number) => i.toString(16).padStart(64, 'a');

/** Writes events and their leaves behind the store's back, in the given order, one leaf each. */
const seed = async (driver: SqlDriver, events: (Omit<Stored, 'hash'> & { eventId?: string })[], hashOf = hexHash): Promise<Stored[]> => {
  const stored = events.map((e, i) => ({ ...e, hash: hashOf(i) }));
  for (const [i, e] of stored.entries()) {
    const envelope = {
      eventId: e.eventId ?? randomUUID(),
      type: e.type,
      schemaVersion: 1,
      data: e.data,
      metadata: { actor: 'coach-1', role: 'coach' },
      recordedAt: new Date(Date.UTC(2026, 1, 1, 8, 30, 0, i)).toISOString(),
    };
    const [{ global_position }] = await driver.query<{ global_position: string }>(
      `insert into events (stream_id, stream_version, event_id, type, schema_version, content, recorded_at, hash)
       values ($1, $2, $3, $4, 1, $5, $6, $7) returning global_position::text`,
      [e.streamId, e.version, envelope.eventId, e.type, chainContent(e.streamId, envelope), envelope.recordedAt, e.hash],
    );
    await driver.query("insert into audit_leaves (leaf_index, global_position, event_hash) values ($1, $2, decode($3, 'hex'))", [
      i,
      global_position,
      e.hash,
    ]);
  }
  return stored;
};

/** The line as the export format defines it, built field by field here: JSON.stringify's escaping, data and metadata canonical as stored. */
const expectedLines = async (driver: SqlDriver, from: number, to: number): Promise<string> => {
  const rows = await driver.query<Record<string, string>>(
    `select l.leaf_index::text, e.global_position::text, e.stream_id, e.stream_version::text, e.event_id::text, e.type, e.schema_version::text,
            to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at, e.hash, p.hash as previous_hash,
            e.content
       from audit_leaves l join events e on e.global_position = l.global_position
       left join events p on p.stream_id = e.stream_id and p.stream_version = e.stream_version - 1
      where l.leaf_index >= $1 and l.leaf_index < $2 order by l.leaf_index`,
    [from, to],
  );
  return rows
    .map(
      (r) =>
        `{"kind":"event","leafIndex":${r.leaf_index},"position":${r.global_position},"streamId":${JSON.stringify(r.stream_id)},` +
        `"streamVersion":${r.stream_version},"eventId":"${r.event_id}","type":${JSON.stringify(r.type)},"schemaVersion":${r.schema_version},` +
        `"recordedAt":"${r.recorded_at}","previousHash":${JSON.stringify(r.previous_hash ?? '')},"hash":${JSON.stringify(r.hash)},` +
        `"data":${canonicalJson(JSON.parse(r.content).data)},"metadata":${canonicalJson(JSON.parse(r.content).metadata)}}\n`,
    )
    .join('');
};

const exported = async (driver: SqlDriver, from: number, to: number, batch?: number): Promise<string> => {
  let text = '';
  for await (const chunk of exportLines(driver, from, to, batch)) text += chunk.toString();
  return text;
};

const contract = (open: (schema: string) => Promise<SqlDriver>) => {
  let driver: SqlDriver;
  beforeEach(async () => {
    const schema = freshSchemaName();
    driver = await open(schema);
    await new SqlEventStore(driver, { schema }).init();
    await new MerkleTreeStore(driver).init();
  });
  afterEach(() => driver.close());

  it('writes each event line byte for byte as the export format escapes it, in leaf order across batches', async () => {
    const stored = await seed(driver, awkward);
    const text = await exported(driver, 0, stored.length, 2);
    expect(text).toBe(await expectedLines(driver, 0, stored.length));
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.streamId, l.type, l.data])).toEqual(stored.map((s) => [s.streamId, s.type, s.data]));
    expect(lines.map((l) => l.previousHash)).toEqual(['', '', stored[0].hash, stored[1].hash, stored[2].hash]);
  });

  // Data with these keys is structure only the application's own event types could write (none has them), but
  // the cut must not depend on that.
  it('cuts data and metadata where the envelope puts them, whatever members data holds', async () => {
    const eventId = randomUUID();
    const stored = await seed(driver, [
      {
        eventId,
        streamId: 'pathway-x',
        version: 0,
        type: 'PathwayOpened',
        data: { a: 'x', inner: { b: 1, eventId, metadata: { actor: 'forged' } } },
      },
      {
        streamId: 'pathway-x',
        version: 1,
        type: 'CaseStepRecorded',
        data: { z: { a: 1, recordedAt: '2026-02-01T08:30:00.001Z', schemaVersion: 1, streamId: 'pathway-x', type: 'CaseStepRecorded' } },
      },
    ]);
    const text = await exported(driver, 0, stored.length);
    expect(text).toBe(await expectedLines(driver, 0, stored.length));
    expect(
      text
        .split('\n')
        .slice(0, 2)
        .map((l) => (JSON.parse(l) as { data: unknown }).data),
    ).toEqual(stored.map((e) => e.data));
  });

  it('reads the previous hash of an event whose predecessor lies before the exported range', async () => {
    const stored = await seed(driver, awkward);
    const text = await exported(driver, 2, 4);
    expect(text).toBe(await expectedLines(driver, 2, 4));
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { previousHash: string }).previousHash),
    ).toEqual([stored[0].hash, stored[1].hash]);
  });

  it('writes a previous hash longer than a SHA-256 hex whole', async () => {
    // Hashes are SHA-256 hex in practice; stored text may be anything, and the line must still come out whole.
    const stored = await seed(driver, awkward, (i) => (i < 2 ? 'f'.repeat(300 + 2 * i) : i.toString(16).padStart(2, '0')));
    const text = await exported(driver, 0, stored.length);
    expect(text).toBe(await expectedLines(driver, 0, stored.length));
    expect(text.split('\n')[2]).toContain(`"previousHash":"${'f'.repeat(300)}"`);
  });

  it('reads the previous hash again once it has forgotten the stream, and leaves a missing predecessor empty', async () => {
    const stored = await seed(driver, awkward);
    await driver.query('delete from events where stream_id = $1 and stream_version = 1', [awkward[1].streamId]);
    // Remembering one stream only: the interleaved streams push each other out.
    const hashes = new PreviousHashes(driver, 1);
    const batch = stored.map((s) => ({ stream_id: s.streamId, stream_version: String(s.version), hash: s.hash }));
    expect(await hashes.of(batch.slice(0, 3))).toEqual(['', '', stored[0].hash]);
    expect(await hashes.of(batch.slice(3))).toEqual([stored[1].hash, stored[2].hash]);
    expect(await new PreviousHashes(driver).of([{ ...batch[3], stream_version: '2' }])).toEqual(['']);
  });
};

describe('the export lines on PGlite', () => {
  const shared = `memory://export-lines-${randomUUID()}`;
  let held: PGlite;
  beforeAll(async () => {
    held = await acquirePglite(shared);
  });
  afterAll(() => releasePglite(held));
  contract((schema) => PgliteDriver.open(shared, schema));
});

describe('the export lines on the PostgreSQL server', () => {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));
  contract(async (schema) => {
    schemas.push(schema);
    return PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema });
  });

  // PGlite's lines are written by SQL, which leaves such a row's line unparsable: it fails to verify too.
  describe('a row changed by hand', () => {
    let driver: SqlDriver;
    beforeEach(async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      driver = await PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema });
      await new SqlEventStore(driver, { schema }).init();
      await new MerkleTreeStore(driver).init();
    });
    afterEach(() => driver.close());

    it('writes the data and metadata a row holds when its columns no longer say what its content says', async () => {
      const stored = await seed(driver, awkward);
      const [, , third] = await driver.query<{ global_position: string }>(
        'select global_position::text from events order by global_position',
      );
      // A longer type than the content's, and a content without the event id's member: neither can be cut where the columns say.
      await driver.query("update events set type = 'CaseStepRecordedLater' where stream_id = $1 and stream_version = 0", [
        awkward[1].streamId,
      ]);
      await driver.query(`update events set content = replace(content, '"eventId"', '"eventID"') where global_position = $1`, [
        third.global_position,
      ]);
      const text = await exported(driver, 0, stored.length);
      expect(text).toBe(await expectedLines(driver, 0, stored.length));
      const lines = text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => [l.type, l.data])).toEqual(stored.map((s, i) => [i === 1 ? 'CaseStepRecordedLater' : s.type, s.data]));
    });
  });
});
