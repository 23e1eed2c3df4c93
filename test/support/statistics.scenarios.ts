import { INestApplication } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import { computeStatistics, disclosureRule, factsOf, StatisticsDocument, StatisticsParameters, StatisticsType } from '@lotse/domain';
import { EVENT_STORE, EventStore, NewEvent } from '@lotse/event-store';
import { signTestToken } from '../../src/auth/testing';
import { ReadModels } from '../../src/read-models';
import { StatisticsFactsSource } from '../../src/statistics/facts/statistics-facts.service';
import { parseCsv } from './csv';
import { bootTestApp, TEST_SECRET as SECRET } from './test-app';

const token = (roles: string[], municipality = 'neuss', sub = `${roles[0]}-1`) =>
  `Bearer ${signTestToken({ sub, roles, municipality }, SECRET)}`;
const coordinator = token(['coordinator']);
const analyst = token(['analyst'], 'rhein-kreis-neuss', 'analyst-1');
const admin = token(['admin'], 'land-nrw', 'admin-1');
const coach = token(['coach']);
const auditor = token(['auditor']);

const metadata = (municipality: string) => ({
  actor: 'seed',
  role: 'admin',
  municipality,
  correlationId: 'statistics-test',
  causationId: null,
  occurredAt: '2026-03-01T10:00:00Z',
});
const event = (type: string, data: Record<string, unknown>, municipality = 'neuss'): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: metadata(municipality),
});

interface Seeded {
  kind: string;
  jurisdiction: string;
  status: string;
  municipality: string;
  outcome?: string;
  steps?: string[];
}

/**
 * Statistics and reports end to end: facts appended to the store directly (a county in a few
 * lines), the read model built from them by the running projection, and every route asked as every role.
 */
export const statisticsScenarios = (eventStoreUrl: () => string) => {
  let app: INestApplication;
  let store: EventStore;
  let http: ReturnType<typeof request>;
  let last = 0;

  const append = async (streamId: string, events: NewEvent[]) => {
    last = (await store.append(streamId, events, { expectedVersion: 'any' })).position;
  };

  const seedPathway = async ({ kind, jurisdiction, status, municipality, outcome, steps = [] }: Seeded) => {
    const participantId = randomUUID();
    const pathwayId = randomUUID();
    await append(`participant-${participantId}`, [
      event(
        'ParticipantRegistered',
        { participantId, municipality, residenceStatus: status, personalData: 'sealed', registeredAt: '2026-01-02T09:00:00Z' },
        municipality,
      ),
      event(
        'NeedsAssessed',
        {
          participantId,
          assessment: {
            assessmentId: randomUUID(),
            assessedOn: '2026-01-03',
            needs: ['coaching', 'school_certificate'],
            assessedBy: 'coach-1',
          },
          recordedAt: '2026-01-03T09:00:00Z',
        },
        municipality,
      ),
    ]);
    const pathway = [
      event(
        'PathwayOpened',
        {
          pathwayId,
          participantId,
          municipality,
          kind,
          jurisdiction,
          provider: 'VHS',
          goal: 'sealed',
          plannedStart: '2026-02-01',
          plannedEnd: '2026-12-31',
          coachId: 'coach-1',
          openedAt: '2026-02-01T09:00:00Z',
          ageAtStart: 19,
        },
        municipality,
      ),
      ...steps.map((stepKind) =>
        event('CaseStepRecorded', {
          pathwayId,
          step: { stepId: randomUUID(), kind: stepKind, occurredAt: '2026-03-02T09:00:00+01:00', recordedBy: 'coach-1' },
        }),
      ),
      ...(outcome ? [event('PathwayCompleted', { pathwayId, outcome, endedOn: '2026-05-31' }, municipality)] : []),
    ];
    await append(`pathway-${pathwayId}`, pathway);
    return { participantId, pathwayId };
  };

  const times = async (n: number, seeded: Seeded) => {
    for (let i = 0; i < n; i++) await seedPathway(seeded);
  };

  const cellOf = (table: { cells: { keys: Record<string, string> }[] }, keys: Record<string, string>) =>
    table.cells.find((c) => Object.entries(keys).every(([k, v]) => c.keys[k] === v));

  beforeAll(async () => {
    app = await bootTestApp(eventStoreUrl(), undefined, { env: { RATE_LIMIT_WRITES: '0' } });
    store = app.get(EVENT_STORE);
    http = request(app.getHttpServer());
    // Neuss: 12 coaching under SGB II (7 ended in a training place), 3 coaching under SGB VIII, 6 language support (state).
    await times(7, {
      kind: 'coaching',
      jurisdiction: 'sgb2',
      status: 'gestattung',
      municipality: 'neuss',
      outcome: 'training_place',
      steps: ['placement_offer'],
    });
    await times(5, { kind: 'coaching', jurisdiction: 'sgb2', status: 'duldung', municipality: 'neuss', outcome: 'dropped_out' });
    await times(3, { kind: 'coaching', jurisdiction: 'sgb8', status: 'duldung', municipality: 'neuss', steps: ['employer_contact'] });
    await times(6, { kind: 'language_support', jurisdiction: 'state', status: 'gestattung', municipality: 'neuss' });
    // Dormagen: 8 coaching under SGB II.
    await times(8, { kind: 'coaching', jurisdiction: 'sgb2', status: 'german', municipality: 'dormagen', outcome: 'employment' });
    await append(`offer-${randomUUID()}`, [
      event('OfferPublished', {
        offerId: randomUUID(),
        municipality: 'neuss',
        title: 'Coaching',
        provider: 'Caritas',
        kind: 'coaching',
        jurisdiction: 'sgb2',
        places: 10,
        openTo: ['gestattung'],
        openingPossible: ['duldung'],
        period: { from: '2026-01-01' },
        languages: ['de'],
        publishedAt: '2026-01-01T00:00:00Z',
      }),
    ]);
  });
  afterAll(() => app?.close());

  const get = (path: string, who = analyst) => http.get(path).set('Authorization', who);

  it('counts pathways started by kind and jurisdiction with totals, suppresses 1 to k−1 and what would give them away, and names position and rule', async () => {
    const answer = await get(`/statistics/pathways?measure=started&groupBy=kind,jurisdiction&minPosition=${last}`).expect(200);
    expect(answer.headers['cache-control']).toContain('no-store');
    const body = answer.body;
    expect(body).toMatchObject({
      type: 'pathways',
      parameters: { measure: 'started', groupBy: ['kind', 'jurisdiction'] },
      rule: { minCell: 5, minDenominator: 10 },
    });
    expect(body.position).toBeGreaterThanOrEqual(last);
    const [table] = body.tables;
    expect(table).toMatchObject({ rowDimensions: ['kind'], columnDimension: 'jurisdiction', total: { value: 29, suppressed: false } });
    // 3 is below k = 5: suppressed; zeros stay zeros; no suppressed figure stands alone in a row or column with its total.
    expect(cellOf(table, { kind: 'coaching', jurisdiction: 'sgb8' })).toMatchObject({ value: null, suppressed: true });
    expect(cellOf(table, { kind: 'coaching', jurisdiction: 'sgb3' })).toMatchObject({ value: 0, suppressed: false });
    type Cell = { keys: Record<string, string>; suppressed: boolean };
    const hidden = (cells: Cell[]) => cells.filter((c) => c.suppressed).length;
    for (const rowTotal of table.rowTotals as Cell[]) {
      const n = hidden(table.cells.filter((c: Cell) => c.keys.kind === rowTotal.keys.kind)) + (rowTotal.suppressed ? 1 : 0);
      expect(n === 0 || n >= 2).toBe(true);
    }
    for (const columnTotal of table.columnTotals as Cell[]) {
      const n =
        hidden(table.cells.filter((c: Cell) => c.keys.jurisdiction === columnTotal.keys.jurisdiction)) + (columnTotal.suppressed ? 1 : 0);
      expect(n === 0 || n >= 2).toBe(true);
    }
    // The same figure has the same status in every grouping: the kind and jurisdiction tables are this one's margins.
    const byKind = (await get(`/statistics/pathways?groupBy=kind`).expect(200)).body.tables[0];
    const byJurisdiction = (await get(`/statistics/pathways?groupBy=jurisdiction`).expect(200)).body.tables[0];
    expect(byKind.cells).toEqual(table.rowTotals);
    expect(byJurisdiction.cells).toEqual(table.columnTotals);
    const transposed = (await get(`/statistics/pathways?groupBy=jurisdiction,kind`).expect(200)).body.tables[0];
    const statusOf = (cells: Cell[]) => Object.fromEntries(cells.map((c) => [`${c.keys.kind}/${c.keys.jurisdiction}`, c.suppressed]));
    expect(statusOf(transposed.cells)).toEqual(statusOf(table.cells));
    expect(JSON.stringify(body)).not.toMatch(/participantId|pathwayId|Haddad|birth/);
  });

  it('limits a coordinator to her municipality and lets the core group choose any; refuses coach and auditor', async () => {
    const own = await get('/statistics/pathways?groupBy=municipality', coordinator).expect(200);
    expect(own.body.parameters.municipality).toBe('neuss');
    expect(own.body.tables[0].cells.map((c: { keys: { municipality: string } }) => c.keys.municipality)).toEqual(['neuss']);
    await get('/statistics/pathways?municipality=dormagen', coordinator).expect(403);
    const all = await get('/statistics/pathways?groupBy=municipality').expect(200);
    expect(all.body.tables[0].cells.map((c: { keys: { municipality: string } }) => c.keys.municipality)).toEqual(['dormagen', 'neuss']);
    expect(all.body.tables[0].total).toMatchObject({ value: 29 });
    // A municipality filter is a slice of the grouping by municipality: the coordinator's total is the analyst's Neuss cell.
    expect(own.body.tables[0].total).toEqual({ ...all.body.tables[0].cells[1], keys: {} });
    const filtered = await get('/statistics/pathways?groupBy=kind&municipality=neuss').expect(200);
    const grouped = await get('/statistics/pathways?groupBy=kind,municipality').expect(200);
    const neussByKind = grouped.body.tables[0].cells.filter((c: { keys: { municipality: string } }) => c.keys.municipality === 'neuss');
    expect(filtered.body.tables[0].cells.map((c: { value: number | null; suppressed: boolean }) => [c.value, c.suppressed])).toEqual(
      neussByKind.map((c: { value: number | null; suppressed: boolean }) => [c.value, c.suppressed]),
    );
    await get('/statistics/pathways?municipality=dormagen', admin).expect(200);
    for (const who of [coach, auditor]) {
      for (const path of ['/statistics/pathways', '/statistics/needs-offers', '/statistics/careers', '/statistics/outputs', '/reports'])
        await get(path, who).expect(403);
    }
    await http.get('/statistics/pathways').expect(401);
  });

  it.each([
    ['groupBy=nothing', 'groupBy'],
    ['measure=most', 'measure'],
    ['groupBy=kind,jurisdiction,ageBand,outcome', 'groupBy'],
    ['from=2026-05-01&to=2026-01-01', 'to'],
    ['from=2026-13-01', 'from'],
    ['format=xml', 'format'],
    ['delimiter=tab', 'delimiter'],
    ['municipality=Not%20A%20Slug', 'municipality'],
    ['minPosition=-1', 'minPosition'],
    ['unknown=1', 'unknown'],
  ])('answers 400 problem+json naming the field to %s', async (query, field) => {
    const answer = await get(`/statistics/pathways?${query}`).expect(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.body.code).toBe('validation_failed');
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('rates and medians only with ten cases: the transition rate of SGB II coaching', async () => {
    const answer = await get('/statistics/pathways?measure=transition_rate&groupBy=jurisdiction&municipality=neuss').expect(200);
    const [table] = answer.body.tables;
    expect(table.measure).toBe('rate');
    // 12 ended under SGB II in Neuss, 7 into a training place.
    expect(cellOf(table, { jurisdiction: 'sgb2' })).toMatchObject({ value: 58.3, suppressed: false });
    const median = await get('/statistics/pathways?measure=median_duration_days&groupBy=kind').expect(200);
    expect(cellOf(median.body.tables[0], { kind: 'coaching' })).toMatchObject({ value: 119, suppressed: false });
    const few = await get('/statistics/pathways?measure=median_duration_days&groupBy=kind&municipality=dormagen').expect(200);
    expect(cellOf(few.body.tables[0], { kind: 'coaching' })).toMatchObject({ value: null, suppressed: true });
  });

  it('writes CSV (RFC 4180, UTF-8) for format=csv or Accept: text/csv, with position, period and rule first and * for suppressed', async () => {
    const answer = await get('/statistics/pathways?groupBy=kind,jurisdiction&format=csv&from=2026-01-01&to=2026-12-31').expect(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    const records = parseCsv(answer.text);
    expect(records[0]).toEqual(['statistics', 'pathways']);
    expect(records[1][0]).toBe('position');
    expect(Number(records[1][1])).toBeGreaterThanOrEqual(last);
    expect(records[2]).toEqual(['period', '2026-01-01', '2026-12-31']);
    expect(records.find((r) => r[0] === 'rule')?.[1]).toMatch(/^k=5/);
    const header = records.find((r) => r[0] === 'kind')!;
    const coaching = records.find((r) => r[0] === 'coaching')!;
    expect(coaching[header.indexOf('sgb8')]).toBe('*');
    expect(coaching[header.indexOf('sgb3')]).toBe('0');
    // Every figure of the CSV is the JSON's, or * where the JSON has it suppressed.
    const json = (await get('/statistics/pathways?groupBy=kind,jurisdiction&from=2026-01-01&to=2026-12-31').expect(200)).body.tables[0];
    const shown = (c: { value: number | null; suppressed: boolean }) => (c.suppressed ? '*' : String(c.value));
    for (const rowTotal of json.rowTotals) {
      const row = records.find((r) => r[0] === rowTotal.keys.kind)!;
      const cells = json.cells.filter((c: { keys: { kind: string } }) => c.keys.kind === rowTotal.keys.kind);
      expect(row).toEqual([rowTotal.keys.kind, ...cells.map(shown), shown(rowTotal)]);
    }
    expect(records[records.length - 1]).toEqual(['total', ...json.columnTotals.map(shown), '29']);
    expect(header).toEqual(['kind', ...json.columns, 'total']);

    const accepted = await http
      .get('/statistics/pathways?groupBy=kind,jurisdiction&from=2026-01-01&to=2026-12-31')
      .set('Authorization', analyst)
      .set('Accept', 'text/csv')
      .expect(200);
    expect(accepted.text).toBe(answer.text);

    const german = await get(
      '/statistics/pathways?measure=transition_rate&groupBy=jurisdiction&municipality=neuss&format=csv&delimiter=semicolon&decimal=comma',
    ).expect(200);
    const rows = parseCsv(german.text, ';');
    expect(rows.find((r) => r[0] === 'sgb2')).toEqual(['sgb2', '58,3']);
  });

  it('answers needs against offers, the career indicator and the outputs', async () => {
    const needs = await get('/statistics/needs-offers?on=2026-03-01&municipality=neuss').expect(200);
    const [people, places, free, opening, gap] = needs.body.tables;
    expect(people.name).toBe('needs_offers.people_with_open_need');
    // Coaching is an open need of no one with a coaching pathway running: only the 6 in language support (gestattung).
    expect(cellOf(people, { kind: 'coaching', residenceStatus: 'gestattung' })).toMatchObject({ value: 6 });
    expect(cellOf(places, { kind: 'coaching', residenceStatus: 'gestattung' })).toMatchObject({ value: 10 });
    expect(cellOf(free, { kind: 'coaching', residenceStatus: 'gestattung' })).toMatchObject({ value: 10 });
    expect(cellOf(opening, { kind: 'coaching', residenceStatus: 'duldung' })).toMatchObject({ value: 10 });
    expect(cellOf(gap, { kind: 'coaching', residenceStatus: 'gestattung' })).toMatchObject({ value: -4 });

    const careers = await get('/statistics/careers?to=2026-12-31').expect(200);
    expect(careers.body.parameters).toEqual({ from: '2025-01-01', to: '2026-12-31' });
    expect(cellOf(careers.body.tables[0], { pathways: '1' })).toMatchObject({ value: 29 });

    const outputs = await get('/statistics/outputs?from=2026-01-01&to=2026-12-31&municipality=neuss').expect(200);
    const table = outputs.body.tables[0];
    // 3 employer contacts are too few; next to them the 7 placement offers would give them away through the total of 10.
    expect(cellOf(table, { output: 'employer_contact' })).toMatchObject({ suppressed: true, value: null });
    expect(cellOf(table, { output: 'placement_offer' })).toMatchObject({ suppressed: true, value: null });
    expect(cellOf(table, { output: 'internship' })).toMatchObject({ suppressed: false, value: 0 });
    expect(table.total).toMatchObject({ value: 10, suppressed: false });
  });

  it('stores a report, lists and reads it as JSON and CSV, and reproduces it by replay after later events, a rebuild and an erasure', async () => {
    const parameters = { measure: 'started', groupBy: 'kind,jurisdiction', from: '2026-01-01', to: '2026-12-31' };
    await http.post('/reports').set('Authorization', coach).send({ type: 'pathways', parameters }).expect(403);
    const refused = await http
      .post('/reports')
      .set('Authorization', analyst)
      .send({ type: 'pathways', parameters: { measure: 'most' } })
      .expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('parameters.measure');
    await http.post('/reports').set('Authorization', analyst).send({ type: 'sightings' }).expect(400);
    await http
      .post('/reports')
      .set('Authorization', coordinator)
      .send({ type: 'outputs', parameters: { municipality: 'dormagen' } })
      .expect(403);

    const stored = await http.post('/reports').set('Authorization', analyst).send({ type: 'pathways', parameters }).expect(201);
    const id = stored.body.id;
    expect(stored.headers.location).toBe(`/reports/${id}`);
    expect(stored.body.report).toMatchObject({
      type: 'pathways',
      parameters: { groupBy: ['kind', 'jurisdiction'] },
      minCell: 5,
      definitionVersion: 1,
    });
    expect(stored.body.report.sha256).toMatch(/^[0-9a-f]{64}$/);

    const listed = await get(`/reports?minPosition=${stored.body.position}`).expect(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(id);
    const own = await get(`/reports?minPosition=${stored.body.position}`, coordinator).expect(200);
    expect(own.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    await get(`/reports/${id}`, coordinator).expect(403);

    const json = await get(`/reports/${id}`).expect(200);
    expect(json.body).toMatchObject({ reportId: id, position: stored.body.report.position, tables: [{ total: { value: 29 } }] });
    const csv = await get(`/reports/${id}?format=csv`).expect(200);
    expect(createHash('sha256').update(csv.text, 'utf8').digest('hex')).toBe(stored.body.report.sha256);
    await get(`/reports/${randomUUID()}`).expect(404);

    const reproduced = async () => (await get(`/reports/${id}/reproduction`).expect(200)).body;
    expect(await reproduced()).toMatchObject({ reproduced: true, sha256: stored.body.report.sha256 });

    // 1,000 later events: new pathways the report must not count and case steps (20 × 50: the count, not the
    // volume, is what the report must not see; the replay stops at the report's position either way).
    const streams = Array.from({ length: 20 }, () => randomUUID());
    for (const pathwayId of streams) {
      const events = [
        event('PathwayOpened', {
          pathwayId,
          participantId: randomUUID(),
          municipality: 'neuss',
          kind: 'coaching',
          jurisdiction: 'sgb2',
          provider: 'VHS',
          goal: 'sealed',
          plannedStart: '2026-06-01',
          plannedEnd: '2026-12-31',
          coachId: 'coach-1',
          openedAt: '2026-06-01T09:00:00Z',
        }),
        ...Array.from({ length: 49 }, () =>
          event('CaseStepRecorded', {
            pathwayId,
            step: { stepId: randomUUID(), kind: 'counselling', occurredAt: '2026-06-02T09:00:00Z', recordedBy: 'coach-1' },
          }),
        ),
      ];
      await append(`pathway-${pathwayId}`, events);
    }
    // The read model takes a moment for 1,000 events on a busy machine: 503 read_model_behind until then.
    let later = await get(`/statistics/pathways?groupBy=kind,jurisdiction&from=2026-01-01&to=2026-12-31&minPosition=${last}`);
    for (let i = 0; i < 30 && later.status === 503; i++)
      later = await get(`/statistics/pathways?groupBy=kind,jurisdiction&from=2026-01-01&to=2026-12-31&minPosition=${last}`);
    expect(later.status).toBe(200);
    expect(later.body.tables[0].total.value).toBe(49);
    expect(await reproduced()).toMatchObject({ reproduced: true });

    // A rebuild of the statistics read model from the log.
    await http.post('/admin/projections/statistics_facts/rebuild').set('Authorization', admin).expect(202);
    for (let i = 0; i < 400; i++) {
      const list = await http.get('/admin/projections').set('Authorization', admin).expect(200);
      const status = list.body.projections.find((p: { name: string }) => p.name === 'statistics_facts');
      if (status?.rebuild?.state === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await reproduced()).toMatchObject({ reproduced: true });

    // An erasure of a person's data: the facts hold nothing personal, so they and the report stay.
    const registered = await http
      .post('/participants')
      .set('Authorization', admin)
      .send({ givenName: 'Amira', familyName: 'Haddad', birthDate: '2004-05-17', municipality: 'neuss', residenceStatus: 'duldung' })
      .expect(201);
    const second = await http
      .post('/reports')
      .set('Authorization', analyst)
      .send({ type: 'needs-offers', parameters: { on: '2026-03-01' } })
      .expect(201);
    await http.delete(`/participants/${registered.body.id}/personal-data`).set('Authorization', admin).expect(200);
    expect(await reproduced()).toMatchObject({ reproduced: true });
    expect((await get(`/reports/${second.body.id}/reproduction`).expect(200)).body).toMatchObject({ reproduced: true });
    // 1,000 appended events, their projection, a rebuild and four replays: 1.0–1.2 s of CPU in Jest's process on
    // PGlite (with 10,000 events 4.8 s, which took over a minute beside the other Jest worker in CI).
  }, 240_000);
  it('keeps the facts between queries and catches them up with new events, each process on its own, never older than the position it states', async () => {
    const readModels = app.get(ReadModels);
    const snapshot = jest.spyOn(readModels, 'snapshot');
    // Two processes: two caches over the same read model and log.
    const first = new StatisticsFactsSource(readModels, store);
    const second = new StatisticsFactsSource(readModels, store);
    const rule = disclosureRule(5);
    const parameters = { measure: 'started' as const, groupBy: ['kind' as const, 'municipality' as const] };
    /** The figures a full read of the read model gives now: what any cache must agree with at the position it names. */
    const fromScratch = async () => {
      const { position, documents } = await readModels.snapshot<StatisticsDocument>('statistics_facts', last);
      return { position, result: computeStatistics('pathways', factsOf(documents), parameters, rule) };
    };
    try {
      // The test before wrote through the API as well (a registration, a report, an erasure), after `last`:
      // the cache must start from all of it, or the read model's catching up with those makes the second query differ.
      for await (const written of store.readAll({ fromPosition: last })) last = written.globalPosition;
      const before = await first.current(last);
      const again = await first.current();
      expect(again).toBe(before);
      snapshot.mockClear();

      await times(6, {
        kind: 'participation_management',
        jurisdiction: 'sgb3',
        status: 'german',
        municipality: 'kaarst',
        outcome: 'school',
      });
      const moved = await first.current(last);
      // Caught up by folding the new events, not by reading the read model whole.
      expect(snapshot).not.toHaveBeenCalled();
      expect(moved.position).not.toBe(before.position);
      const expected = await fromScratch();
      expect(moved.position).toBe(expected.position);
      const counted = computeStatistics('pathways', moved.facts, parameters, rule);
      expect(counted).toEqual(expected.result);
      const inKaarst = (facts: typeof moved.facts) => facts.pathways.filter((p) => p.municipality === 'kaarst').length;
      expect(inKaarst(moved.facts)).toBe(6);

      // The other process reads from scratch at the same position and comes to the same figures.
      const other = await second.current(last);
      expect(other.position).toBe(moved.position);
      expect(computeStatistics('pathways', other.facts, parameters, rule)).toEqual(counted);

      // More events, asked first of the second process; the first, behind, is asked with the second's position and catches up too.
      await times(1, { kind: 'participation_management', jurisdiction: 'sgb3', status: 'german', municipality: 'kaarst' });
      const ahead = await second.current(last);
      const behind = await first.current(ahead.position);
      expect(behind.position).toBe(ahead.position);
      expect(computeStatistics('pathways', behind.facts, parameters, rule)).toEqual(
        computeStatistics('pathways', ahead.facts, parameters, rule),
      );
      expect(inKaarst(behind.facts)).toBe(7);

      // Too far behind to fold event by event: the read model is read whole, with the same result.
      first.catchUpLimit = 1;
      await times(1, { kind: 'coaching', jurisdiction: 'sgb2', status: 'german', municipality: 'kaarst' });
      snapshot.mockClear();
      const reread = await first.current(last);
      expect(snapshot).toHaveBeenCalled();
      expect(computeStatistics('pathways', reread.facts, parameters, rule)).toEqual((await fromScratch()).result);

      // Concurrent queries at a moved position share one catch-up.
      await times(1, { kind: 'coaching', jurisdiction: 'sgb2', status: 'german', municipality: 'kaarst' });
      const [a, b, c] = await Promise.all([second.current(last), second.current(last), second.current(last)]);
      expect(b).toBe(a);
      expect(c).toBe(a);
    } finally {
      snapshot.mockRestore();
    }
  });

  it('folds the log instead of reading a read model another projection version built (the old one, while the new one is rebuilt)', async () => {
    const readModels = app.get(ReadModels);
    const rule = disclosureRule(3);
    const { position, documents } = await readModels.snapshot<StatisticsDocument>('statistics_facts', last);
    const builtWith = jest.spyOn(readModels, 'builtWith').mockResolvedValue(1);
    const snapshot = jest.spyOn(readModels, 'snapshot');
    try {
      const folded = await new StatisticsFactsSource(readModels, store).current(position);
      expect(snapshot).not.toHaveBeenCalled();
      expect(folded.position).toBe(position);
      const queries: [StatisticsType, StatisticsParameters][] = [
        ['outputs', { from: '2026-01-01', to: '2026-12-31' }],
        ['pathways', { measure: 'started', groupBy: ['kind', 'municipality'] }],
      ];
      for (const [type, parameters] of queries)
        expect(computeStatistics(type, folded.facts, parameters, rule)).toEqual(
          computeStatistics(type, factsOf(documents), parameters, rule),
        );
    } finally {
      builtWith.mockRestore();
      snapshot.mockRestore();
    }
  });
};
