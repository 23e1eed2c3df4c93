import { INestApplication } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import { SqlDriver } from '@lotse/event-store';
import { chainContent, chainHash } from '@lotse/event-store';
import { leafHash, openNote, parseCheckpoint, parseVerifierKey, verifyConsistency, verifyInclusion } from '@lotse/transparency';
import { TreeFollower, BackgroundVerifier, MERKLE_TREE_STORE } from '../../src/audit-log';
import { treeReaches } from '../../src/audit-log/testing';
import { SQL_DRIVER } from '../../src/database';
import { verifyExport } from '../../src/audit-log/export/verify-export';
import { runCompiledScript } from './npm-script';
import { bearer, bootTestApp } from './test-app';

const admin = bearer(['admin'], 'neuss', 'admin-1');
const auditor = bearer(['auditor'], 'neuss', 'auditor-1');
const dormagenAuditor = bearer(['auditor'], 'dormagen', 'auditor-9');
const coach = bearer(['coach'], 'neuss', 'coach-1');

const person = (givenName: string, municipality: string) => ({
  givenName,
  familyName: 'Haddad',
  birthDate: '2004-05-17',
  municipality,
  residenceStatus: 'duldung',
});

interface Row {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  hash: string;
}

const b64 = (s: string) => Buffer.from(s, 'base64');
const linesOf = (text: string) => Readable.from(text.split('\n'));

/**
 * The verifiable log end to end: the tree follows the log, checkpoints are signed notes, proofs
 * verify with RFC 9162's algorithms, /audit/verify finds UPDATE, DELETE, reordering and INSERT of
 * rows at the right position, the export verifies offline and a tampered one does not.
 */
export const auditLogScenarios = (eventStoreUrl: () => string): void => {
  let app: INestApplication;
  let sql: SqlDriver;
  let http: ReturnType<typeof request>;
  const ids: { neuss: string; dormagen: string; pathway: string } = { neuss: '', dormagen: '', pathway: '' };
  let verifierKey: string;

  const post = (path: string, body: object) =>
    request(app.getHttpServer())
      .post(path)
      .set('Authorization', admin)
      .send(body)
      .expect(201)
      .then((r) => r.body as { id: string; position: number });
  const get = (path: string, auth = auditor) => request(app.getHttpServer()).get(path).set('Authorization', auth);
  /** Every event is a leaf, and a checkpoint signs them all (signed at most a second later: AUDIT_CHECKPOINT_SECONDS=1). */
  const caughtUp = async () => {
    const [last] = await sql.query<{ p: string; n: string }>('select max(global_position)::text as p, count(*)::text as n from events');
    expect(await treeReaches(app.get(MERKLE_TREE_STORE), Number(last.p), 30_000)).toBe(true);
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const latest = await get('/audit/checkpoints/latest');
      if (latest.status === 200 && latest.body.treeSize >= Number(last.n)) return;
    }
    throw new Error(`no checkpoint covers all ${last.n} events within 30 s`);
  };
  const rows = (where = 'true', params: unknown[] = []) =>
    sql.query<Row>(
      `select global_position::text, transaction_id::text, stream_id, stream_version::text, event_id::text, hash
         from events where ${where} order by transaction_id, global_position`,
      params,
    );
  const verify = async (query = '') => (await get(`/audit/verify${query}`).expect(200)).body;
  /**
   * Waits until no transaction older than `xid` is still running anywhere on the server: the log is
   * read in transaction order only that far (a row of a later transaction may still be followed by
   * an earlier one's), so a row inserted behind the store's back is checked once that holds. On a
   * shared PostgreSQL server another database's open transaction (another test file's) can delay it.
   */
  const settled = async (xid: string) => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const [{ done }] = await sql.query<{ done: boolean }>('select $1::xid8 < pg_snapshot_xmin(pg_current_snapshot()) as done', [xid]);
      if (done) return;
    }
    throw new Error(`transaction ${xid} not yet below every running one after 30 s`);
  };

  beforeAll(async () => {
    app = await bootTestApp(eventStoreUrl(), undefined, {
      env: { AUDIT_CHECKPOINT_EVENTS: '4', AUDIT_CHECKPOINT_SECONDS: '1', AUDIT_VERIFY_INTERVAL_SECONDS: '3600', RATE_LIMIT_WRITES: '0' },
    });
    sql = app.get(SQL_DRIVER, { strict: false });
    http = request(app.getHttpServer());
    ids.neuss = (await post('/participants', person('Amira', 'neuss'))).id;
    ids.dormagen = (await post('/participants', person('Jonas', 'dormagen'))).id;
    ids.pathway = (
      await post('/pathways', {
        participantId: ids.neuss,
        kind: 'coaching',
        jurisdiction: 'state',
        provider: 'Caritas',
        goal: 'Training place in care',
        plannedStart: '2026-01-01',
        plannedEnd: '2026-12-31',
      })
    ).id;
    for (let i = 0; i < 8; i += 1) {
      await post(`/pathways/${ids.pathway}/case-steps`, {
        kind: 'counselling',
        occurredAt: `2026-02-1${i}T09:30:00+01:00`,
        note: `step ${i}`,
      });
    }
    await caughtUp();
    verifierKey = (await get('/audit/public-key').expect(200)).body.verifierKey;
    // A dozen writes and a boot: seconds on a quiet machine, but CI shares two cores with other suites.
  }, 180_000);
  afterAll(() => app?.close());

  it('signs checkpoints in the signed-note format that open with the published key', async () => {
    const { body } = await get('/audit/checkpoints/latest').expect(200);
    const text = openNote(body.note, parseVerifierKey(verifierKey));
    const checkpoint = parseCheckpoint(text);
    expect(checkpoint).toEqual({ origin: body.origin, treeSize: body.treeSize, rootHash: b64(body.rootHash) });
    expect(body.note).toMatch(
      new RegExp(`^${body.origin}\\n${body.treeSize}\\n[A-Za-z0-9+/]{43}=\\n\\n— ${body.origin} [A-Za-z0-9+/=]+\\n$`),
    );
    expect((await get(`/audit/checkpoints?treeSize=${body.treeSize}`).expect(200)).body.note).toBe(body.note);
    await get('/audit/checkpoints?treeSize=999999').expect(404);
    const bad = await get('/audit/checkpoints?treeSize=zero').expect(400);
    expect(bad.body.code).toBe('validation_failed');
  });

  it('proves every event included in the latest checkpoint, and a proof with one flipped byte fails', async () => {
    const { body: cp } = await get('/audit/checkpoints/latest').expect(200);
    const events = await rows();
    const mine = events.slice(0, cp.treeSize).filter((e) => !e.stream_id.includes(ids.dormagen));
    for (const e of mine.slice(0, 6)) {
      const { body } = await get(`/audit/proofs/inclusion?eventId=${e.event_id}&treeSize=${cp.treeSize}`).expect(200);
      const leaf = leafHash(Buffer.from(e.hash, 'hex'));
      expect(b64(body.leafHash)).toEqual(leaf);
      const proof = body.proof.map(b64);
      expect(verifyInclusion(body.leafIndex, cp.treeSize, leaf, proof, b64(cp.rootHash))).toBe(true);
      if (proof.length > 0) {
        proof[0][5] ^= 0x01;
        expect(verifyInclusion(body.leafIndex, cp.treeSize, leaf, proof, b64(cp.rootHash))).toBe(false);
      }
    }
  });

  it('proves that a later tree extends an earlier checkpoint', async () => {
    await post(`/pathways/${ids.pathway}/case-steps`, { kind: 'counselling', occurredAt: '2026-03-01T09:30:00+01:00' });
    await caughtUp();
    const [{ count }] = await sql.query<{ count: string }>('select count(*)::text from audit_checkpoints');
    expect(Number(count)).toBeGreaterThan(1);
    const [first] = await sql.query<{ s: string }>('select min(tree_size)::text as s from audit_checkpoints');
    const earlier = (await get(`/audit/checkpoints?treeSize=${first.s}`).expect(200)).body;
    const latest = (await get('/audit/checkpoints/latest').expect(200)).body;
    const { body } = await get(`/audit/proofs/consistency?from=${earlier.treeSize}&to=${latest.treeSize}`).expect(200);
    expect(verifyConsistency(earlier.treeSize, latest.treeSize, b64(earlier.rootHash), b64(latest.rootHash), body.proof.map(b64))).toBe(
      true,
    );
    const flipped = body.proof.map(b64);
    if (flipped.length) flipped[flipped.length - 1][0] ^= 0x80;
    expect(verifyConsistency(earlier.treeSize, latest.treeSize, b64(earlier.rootHash), b64(latest.rootHash), flipped)).toBe(false);
    const refused = await get(`/audit/proofs/consistency?from=${latest.treeSize}&to=${earlier.treeSize}`).expect(400);
    expect(refused.body.code).toBe('validation_failed');
  });

  it('finds an intact log intact, as a whole and stream by stream', async () => {
    const report = await verify();
    expect(report).toMatchObject({ intact: true, scope: 'log', firstFailure: null, failures: [] });
    expect(report.checkedEvents).toBeGreaterThanOrEqual(report.checkpoint.treeSize);
    // More than ten leaves: leaf 10 must not sort before leaf 2 anywhere.
    expect(report.checkpoint.treeSize).toBeGreaterThan(12);
    expect(await verify(`?stream=pathway-${ids.pathway}`)).toMatchObject({ intact: true, scope: 'stream', checkedEvents: 10 });
  });

  it('exports the log as NDJSON that the offline verifier accepts, also against a checkpoint saved earlier', async () => {
    const [first] = await sql.query<{ s: string }>('select min(tree_size)::text as s from audit_checkpoints');
    const saved = (await get(`/audit/checkpoints?treeSize=${first.s}`).expect(200)).body.note;
    const res = await get('/audit/log').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: 'header', fromLeaf: 0 });
    expect(lines.filter((l) => l.kind === 'event')).toHaveLength(lines[0].toLeaf);
    expect(JSON.stringify(lines)).not.toContain('Amira');
    // Who exported what is on record in the access log, with the leaves it covered and the purpose given.
    await get('/audit/log').set('Lotse-Purpose', 'annual audit 2026').expect(200);
    const access = await get('/audit/access?actor=auditor-1', admin).expect(200);
    expect(access.body.items).toContainEqual(
      expect.objectContaining({ route: 'GET /audit/log', action: 'export', sub: 'auditor-1', purpose: 'annual audit 2026' }),
    );
    expect(await verifyExport(linesOf(res.text), { publicKey: verifierKey, savedCheckpoint: saved })).toMatchObject({
      ok: true,
      warnings: [],
    });

    const events = await rows();
    const partial = await get(
      `/audit/log?fromPosition=${events[2].global_position}&toPosition=${events[4].global_position}&consistencyFrom=${first.s}`,
    ).expect(200);
    expect(await verifyExport(linesOf(partial.text), { publicKey: verifierKey, savedCheckpoint: saved })).toMatchObject({
      ok: true,
      events: 3,
    });
    // An export made while the log kept data and metadata as jsonb carried them as jsonb prints them (`{"a": 1}`);
    // the line format is the same, so such a file verifies as before.
    const jsonbPrinted = (v: unknown) =>
      JSON.stringify(v)
        .replace(/([^\\]"):/g, '$1: ')
        .replace(/,"/g, ', "');
    const asBefore = res.text.replace(/"data":(\{.*\}),"metadata":(\{.*\})\}$/gm, (_, data: string, metadata: string) => {
      return `"data":${jsonbPrinted(JSON.parse(data))},"metadata":${jsonbPrinted(JSON.parse(metadata))}}`;
    });
    expect(asBefore).not.toBe(res.text);
    expect(await verifyExport(linesOf(asBefore), { publicKey: verifierKey })).toMatchObject({ ok: true });
    expect((await get('/audit/log?fromPosition=0').expect(400)).body.code).toBe('validation_failed');
    expect((await get('/audit/log?fromPosition=99999999').expect(404)).body.code).toBe('not_found');
  });

  it('names the first bad line of a tampered export, and runs as `npm run audit -- verify` without a server', async () => {
    const text = (await get('/audit/log').expect(200)).text;
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('"kind":"event"') && l.includes('CaseStepRecorded'));
    const tampered = [...lines];
    tampered[at] = tampered[at].replace('"schemaVersion":1', '"schemaVersion":2');
    const result = await verifyExport(linesOf(tampered.join('\n')), { publicKey: verifierKey });
    expect(result).toMatchObject({ ok: false, failure: { line: at + 1 } });
    expect(result.failure!.message).toMatch(/^hash_mismatch/);
    const dropped = lines.filter((_, i) => i !== at);
    expect((await verifyExport(linesOf(dropped.join('\n')), { publicKey: verifierKey })).failure?.message).toMatch(/^missing_event/);

    const dir = mkdtempSync(join(tmpdir(), 'lotse-audit-'));
    writeFileSync(join(dir, 'good.ndjson'), text);
    writeFileSync(join(dir, 'bad.ndjson'), tampered.join('\n'));
    writeFileSync(join(dir, 'key.pub'), `${verifierKey}\n`);
    const good = await runCompiledScript('audit', ['verify', join(dir, 'good.ndjson'), '--public-key', join(dir, 'key.pub')], {});
    expect(good).toMatchObject({ code: 0 });
    expect(good.stdout).toMatch(/^ok: \d+ events verified/);
    const bad = await runCompiledScript('audit', ['verify', join(dir, 'bad.ndjson'), '--public-key', join(dir, 'key.pub')], {});
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe(`line ${at + 1}: hash_mismatch: ${result.failure!.message.replace(/^hash_mismatch: /, '')}\n`);
  }, 60_000);

  it('keeps everything verifiable after an erasure: the tree hashes the sealed bytes', async () => {
    const cpBefore = (await get('/audit/checkpoints/latest').expect(200)).body;
    await request(app.getHttpServer())
      .delete(`/participants/${ids.neuss}/personal-data`)
      .set('Authorization', admin)
      .expect((r) => expect(r.status).toBeLessThan(300));
    await caughtUp();
    expect(await verify()).toMatchObject({ intact: true });
    const [first] = await rows('stream_id = $1', [`participant-${ids.neuss}`]);
    const { body } = await get(`/audit/proofs/inclusion?eventId=${first.event_id}&treeSize=${cpBefore.treeSize}`).expect(200);
    expect(verifyInclusion(body.leafIndex, cpBefore.treeSize, b64(body.leafHash), body.proof.map(b64), b64(cpBefore.rootHash))).toBe(true);
    expect(await verifyExport(linesOf((await get('/audit/log').expect(200)).text), { publicKey: verifierKey })).toMatchObject({ ok: true });
  });

  it('catches an UPDATE of a row at its position as hash_mismatch, in /audit/verify, the background check, /metrics and /health', async () => {
    const [target] = await rows("type = 'CaseStepRecorded'");
    const [{ content }] = await sql.query<{ content: string }>('select content from events where global_position = $1', [
      target.global_position,
    ]);
    await sql.query(`update events set content = jsonb_set(content::jsonb, '{data,kind}', '"other"')::text where global_position = $1`, [
      target.global_position,
    ]);
    try {
      const report = await verify();
      expect(report.firstFailure).toMatchObject({
        reason: 'hash_mismatch',
        position: Number(target.global_position),
        streamId: target.stream_id,
      });
      expect((await verify(`?stream=${target.stream_id}`)).firstFailure).toMatchObject({
        reason: 'hash_mismatch',
        position: Number(target.global_position),
      });
      await app.get(BackgroundVerifier).runOnce();
      const health = await http.get('/health').expect(503);
      expect(health.body.details.auditLog).toMatchObject({
        status: 'down',
        failure: { reason: 'hash_mismatch', position: Number(target.global_position) },
      });
      expect((await http.get('/metrics').expect(200)).text).toMatch(/^lotse_audit_verification_failures 1$/m);
    } finally {
      await sql.query('update events set content = $2 where global_position = $1', [target.global_position, content]);
    }
    expect(await verify()).toMatchObject({ intact: true });
    await app.get(BackgroundVerifier).runOnce();
    await http.get('/health').expect(200);
  });

  it.each([
    ['type', "type = 'PathwayClosed'"],
    ['recorded_at', "recorded_at = recorded_at - interval '1 day'"],
    ['event_id', "event_id = '0b8f8a3e-1111-4e2a-9c1d-0000000000ee'"],
    ['schema_version', 'schema_version = schema_version + 1'],
    ['stream_id', "stream_id = regexp_replace(stream_id, '-[0-9a-f]{12}$', '-000000000000')"],
  ])(
    'catches an UPDATE of the %s column alone, the content and hash untouched, as hash_mismatch at its position',
    async (column, change) => {
      const [target] = await rows("type = 'CaseStepRecorded'");
      const [saved] = await sql.query<Record<string, string>>(`select ${column}::text as value from events where global_position = $1`, [
        target.global_position,
      ]);
      await sql.query(`update events set ${change} where global_position = $1`, [target.global_position]);
      try {
        // The first failure is at the row; a row moved to another stream also leaves a version gap there.
        const report = await verify();
        expect(report.firstFailure).toMatchObject({ position: Number(target.global_position) });
        expect(report.failures).toContainEqual(
          expect.objectContaining({ reason: 'hash_mismatch', position: Number(target.global_position) }),
        );
        const [now] = await sql.query<{ stream_id: string }>('select stream_id from events where global_position = $1', [
          target.global_position,
        ]);
        expect((await verify(`?stream=${now.stream_id}`)).failures).toContainEqual(
          expect.objectContaining({ reason: 'hash_mismatch', position: Number(target.global_position) }),
        );
        await app.get(BackgroundVerifier).runOnce();
        expect((await http.get('/health').expect(503)).body.details.auditLog).toMatchObject({
          failure: { position: Number(target.global_position) },
        });
      } finally {
        await sql.query(`update events set ${column} = $2 where global_position = $1`, [target.global_position, saved.value]);
      }
      expect(await verify()).toMatchObject({ intact: true });
      await app.get(BackgroundVerifier).runOnce();
      await http.get('/health').expect(200);
    },
  );

  it('catches a DELETE of a row as missing_event at its position', async () => {
    const [target] = await rows("type = 'CaseStepRecorded'");
    const [saved] = await sql.query<Record<string, string>>(
      'select *, transaction_id::text as xid from events where global_position = $1',
      [target.global_position],
    );
    await sql.query('delete from events where global_position = $1', [target.global_position]);
    try {
      const report = await verify();
      expect(report.firstFailure).toMatchObject({ reason: 'missing_event', position: Number(target.global_position) });
      expect(report.failures.map((f: { reason: string }) => f.reason)).toContain('version_gap');
      expect((await verify(`?stream=${target.stream_id}`)).firstFailure).toMatchObject({
        reason: 'version_gap',
        streamVersion: Number(target.stream_version),
      });
    } finally {
      await sql.query(
        `insert into events (global_position, transaction_id, stream_id, stream_version, event_id, type, schema_version, content, recorded_at, hash)
         overriding system value values ($1, $2::xid8, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          saved.global_position,
          saved.xid,
          saved.stream_id,
          saved.stream_version,
          saved.event_id,
          saved.type,
          saved.schema_version,
          saved.content,
          saved.recorded_at,
          saved.hash,
        ],
      );
    }
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('catches reordered rows as reordered at the first moved position', async () => {
    const events = await rows();
    // Two neighbours of different transactions: swapping their transaction ids swaps them in log order.
    const i = events.findIndex(
      (e, k) =>
        k > 0 && events[k + 1] && e.transaction_id !== events[k + 1].transaction_id && events[k - 1].transaction_id !== e.transaction_id,
    );
    const [a, b] = [events[i], events[i + 1]];
    const swap = (x: Row, y: Row) =>
      sql.query(
        'update events set transaction_id = case global_position when $1 then $2::xid8 else $3::xid8 end where global_position in ($1, $4)',
        [x.global_position, y.transaction_id, x.transaction_id, y.global_position],
      );
    await swap(a, b);
    try {
      const report = await verify();
      expect(report.firstFailure).toMatchObject({ reason: 'reordered', position: Number(b.global_position) });
    } finally {
      await sql.query('update events set transaction_id = $2::xid8 where global_position = $1', [a.global_position, a.transaction_id]);
      await sql.query('update events set transaction_id = $2::xid8 where global_position = $1', [b.global_position, b.transaction_id]);
    }
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('catches an INSERT of a well-chained row past the stream head as root_mismatch at its position', async () => {
    // The row as it stands before any later checkpoint could sign it: the tree stops following the log here.
    await app.get(TreeFollower).stop();
    const stream = `pathway-${ids.pathway}`;
    const [last] = await sql.query<{ stream_version: string; hash: string; metadata: Record<string, unknown> }>(
      'select stream_version::text, hash, metadata from events_json where stream_id = $1 order by stream_version desc limit 1',
      [stream],
    );
    const forged = {
      eventId: '0b8f8a3e-1111-4e2a-9c1d-000000000001',
      type: 'PathwayTransferred',
      schemaVersion: 1,
      data: { pathwayId: ids.pathway, fromCoachId: 'coach-1', toCoachId: 'intruder' },
      metadata: last.metadata,
      recordedAt: new Date().toISOString(),
    };
    const hash = chainHash(last.hash, chainContent(stream, forged));
    const [row] = await sql.query<{ p: string; xid: string }>(
      `insert into events (stream_id, stream_version, event_id, type, schema_version, content, recorded_at, hash)
       values ($1, $2, $3, $4, 1, $5, $6, $7) returning global_position::text as p, transaction_id::text as xid`,
      [stream, Number(last.stream_version) + 1, forged.eventId, forged.type, chainContent(stream, forged), forged.recordedAt, hash],
    );
    await settled(row.xid);
    const report = await verify();
    expect(report.firstFailure).toMatchObject({
      reason: 'root_mismatch',
      position: Number(row.p),
      streamId: stream,
      detail: expect.stringContaining("behind the store's back"),
    });
    expect((await verify(`?stream=${stream}`)).firstFailure).toMatchObject({ reason: 'root_mismatch', position: Number(row.p) });
  });

  it('refuses wrong roles and, for one stream or event, auditors of another municipality', async () => {
    const [event] = await rows('stream_id = $1', [`participant-${ids.neuss}`]);
    for (const path of [
      '/audit/checkpoints/latest',
      '/audit/checkpoints?treeSize=1',
      `/audit/proofs/inclusion?eventId=${event.event_id}`,
      '/audit/proofs/consistency?from=1&to=2',
      '/audit/public-key',
      '/audit/verify',
      '/audit/log',
    ]) {
      expect((await get(path, coach)).status).toBe(403);
      expect((await http.get(path)).status).toBe(401);
    }
    expect((await get(`/audit/proofs/inclusion?eventId=${event.event_id}`, dormagenAuditor).expect(403)).body.code).toBe('forbidden');
    expect((await get(`/audit/verify?stream=participant-${ids.neuss}`, dormagenAuditor).expect(403)).body.code).toBe('forbidden');
    await get(`/audit/verify?stream=participant-${ids.dormagen}`, dormagenAuditor).expect(200);
    await get('/audit/checkpoints/latest', dormagenAuditor).expect(200);
    expect((await get('/audit/verify?stream=drop table', auditor).expect(400)).body.code).toBe('validation_failed');
  });
};
