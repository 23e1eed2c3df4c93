import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import createClient, { Client, Middleware } from 'openapi-fetch';
import { pathwayStreamId } from '@lotse/domain';
import { MERKLE_TREE_STORE } from '../../src/audit-log';
import { treeReaches } from '../../src/audit-log/testing';
import { OPENAPI_JSON_PATH } from '../../src/http';
import { OPENAPI_FILE } from './contract/contract-files';
import { documentTextOf } from './contract/generated-contract';
import type { paths } from './contract/lotse-api';
import { OpenApiDocument, ResponseContract } from './contract/response-contract';
import { runNpmScript } from './npm-script';
import { bearer, bootTestApp } from './test-app';

type Lotse = Client<paths>;

/**
 * The README's coach walkthrough, and the refusals around it, through a client generated from
 * the OpenAPI document (openapi-typescript types, openapi-fetch): if the document says a request
 * or an answer differently from the code, this does not compile or does not pass. Every answer
 * (successes and refusals alike) is checked against the document the app serves — status,
 * headers, body, no undocumented member — by a middleware that fails the request otherwise.
 */
export const openApiContractScenarios = (eventStoreUrl: () => string, options: { committedContract?: boolean } = {}) => {
  let app: INestApplication;
  let contract: ResponseContract;
  let baseUrl: string;
  /** Every operation an answer was checked for, `METHOD /path/{template}`. */
  const checked = new Set<string>();

  const checkEveryAnswer: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      const answer = {
        method: request.method,
        path: schemaPath,
        status: response.status,
        headers: response.headers,
        body: await response.clone().text(),
      };
      const problems = contract.check(answer);
      if (problems.length > 0) throw new Error(`the answer breaks the OpenAPI document:\n${problems.join('\n')}`);
      checked.add(`${answer.method} ${answer.path}`);
      return undefined;
    },
  };

  const clientAs = (authorization?: string): Lotse => {
    const client = createClient<paths>({ baseUrl, headers: authorization ? { Authorization: authorization } : {} });
    client.use(checkEveryAnswer);
    return client;
  };

  let coach: Lotse;
  let coordinator: Lotse;
  let admin: Lotse;
  let auditor: Lotse;
  let otherCoach: Lotse;
  let anonymous: Lotse;
  let analyst: Lotse;
  const key = () => ({ 'Idempotency-Key': randomUUID() });

  beforeAll(async () => {
    // Checkpoints every few events, so the audit routes have one to show.
    app = await bootTestApp(eventStoreUrl(), undefined, { env: { AUDIT_CHECKPOINT_EVENTS: '2', AUDIT_CHECKPOINT_SECONDS: '1' } });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    contract = new ResponseContract((await (await fetch(`${baseUrl}/${OPENAPI_JSON_PATH}`)).json()) as OpenApiDocument);
    coach = clientAs(bearer(['coach'], 'neuss', 'coach-1'));
    coordinator = clientAs(bearer(['coordinator'], 'neuss', 'coordinator-1'));
    admin = clientAs(bearer(['admin'], 'land-nrw', 'admin-1'));
    auditor = clientAs(bearer(['auditor'], 'neuss', 'auditor-1'));
    otherCoach = clientAs(bearer(['coach'], 'dormagen', 'coach-9'));
    anonymous = clientAs();
    analyst = clientAs(bearer(['analyst'], 'neuss', 'analyst-1'));
  });
  afterAll(() => app.close());

  const amira = {
    givenName: 'Amira',
    familyName: 'Haddad',
    birthDate: '2004-05-17',
    municipality: 'neuss',
    residenceStatus: 'gestattung' as const,
  };
  const languageCourse = (participantId: string) => ({
    participantId,
    kind: 'language_support' as const,
    jurisdiction: 'state' as const,
    provider: 'VHS Neuss',
    goal: 'B1 certificate',
    plannedStart: '2026-01-01',
    plannedEnd: '2026-12-31',
  });
  const firstTalk = {
    kind: 'counselling' as const,
    occurredAt: '2026-02-01T09:30:00+01:00',
    note: 'First talk about the B1 course.',
    durationMinutes: 45,
    next: { kind: 'exam_registered' as const, dueOn: '2026-03-01' },
  };

  describe('the walkthrough', () => {
    let participantId: string;
    let pathwayId: string;
    let position: number;

    it('registers Amira, opens her language course and records a case step, each answered as documented', async () => {
      const headers = key();
      const registered = await coach.POST('/participants', { params: { header: headers }, body: amira });
      expect(registered.response.status).toBe(201);
      participantId = registered.data?.id ?? '';
      expect(registered.response.headers.get('etag')).toBe(`"${registered.data?.version}"`);

      // The same key again: the stored answer, marked as a replay.
      const replayed = await coach.POST('/participants', { params: { header: headers }, body: amira });
      expect(replayed.data?.id).toBe(participantId);
      expect(replayed.response.headers.get('idempotent-replayed')).toBe('true');

      const opened = await coach.POST('/pathways', { params: { header: key() }, body: languageCourse(participantId) });
      expect(opened.response.status).toBe(201);
      pathwayId = opened.data?.id ?? '';

      const stepped = await coach.POST('/pathways/{id}/case-steps', {
        params: { path: { id: pathwayId }, header: { ...key(), 'If-Match': '"0"' } },
        body: firstTalk,
      });
      expect(stepped.response.status).toBe(201);
      position = stepped.data?.position ?? -1;
    });

    it('reads the timeline with the step, and answers 304 while it has not changed', async () => {
      const timeline = await coach.GET('/pathways/{id}', { params: { path: { id: pathwayId }, query: { minPosition: position } } });
      expect(timeline.data?.caseSteps.map((s) => s.kind)).toEqual(['counselling']);
      expect(timeline.data?.goal).toBe('B1 certificate');
      const etag = timeline.response.headers.get('etag') ?? '';

      const unchanged = await coach.GET('/pathways/{id}', { params: { path: { id: pathwayId }, header: { 'If-None-Match': etag } } });
      expect(unchanged.response.status).toBe(304);
    });

    it('shows the caseload with the last contact as a timestamp and the days since as a whole number', async () => {
      const caseload = await coach.GET('/pathways', { params: { query: { coach: 'me', minPosition: position } } });
      const row = caseload.data?.items.find((item) => item.id === pathwayId);
      expect(row?.lastContactAt).toEqual(expect.any(String));
      expect(Number.isInteger(row?.daysSinceLastContact)).toBe(true);
      expect(row?.nextStep?.kind).toBe('exam_registered');
    });

    it('shows the participant and her career, whose flags are objects', async () => {
      const participant = await coach.GET('/participants/{id}', { params: { path: { id: participantId } } });
      expect(participant.data?.personalData?.givenName).toBe('Amira');
      const career = await coach.GET('/participants/{id}/career', {
        params: { path: { id: participantId }, query: { minPosition: position } },
      });
      expect(career.data?.pathways.map((p) => p.pathwayId)).toEqual([pathwayId]);
    });

    it('completes the pathway', async () => {
      const completed = await coach.POST('/pathways/{id}/complete', {
        params: { path: { id: pathwayId }, header: key() },
        body: { outcome: 'training_place', endedOn: '2026-06-30' },
      });
      expect(completed.response.status).toBe(200);
    });
  });

  describe('the refusals, as documented', () => {
    let participantId: string;
    let pathwayId: string;
    let pathwayPosition: number;

    beforeAll(async () => {
      participantId =
        (await coach.POST('/participants', { params: { header: key() }, body: { ...amira, givenName: 'Nour' } })).data?.id ?? '';
      const opened = await coach.POST('/pathways', { params: { header: key() }, body: languageCourse(participantId) });
      pathwayId = opened.data?.id ?? '';
      pathwayPosition = opened.data?.position ?? 0;
    });

    it('400 with errors[] for a bad date and for an id that is not a UUID', async () => {
      const badDate = await coach.POST('/pathways', {
        params: { header: key() },
        body: { ...languageCourse(participantId), plannedEnd: 'end of year' },
      });
      expect(badDate.error?.code).toBe('validation_failed');
      expect(badDate.error?.errors?.map((e) => e.field)).toEqual(['plannedEnd']);
      const notAUuid = await coach.GET('/pathways/{id}', { params: { path: { id: 'nope' } } });
      expect(notAUuid.error?.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    });

    it('401 without a token, 403 for a role or municipality the route does not admit', async () => {
      expect((await anonymous.GET('/pathways/{id}', { params: { path: { id: pathwayId } } })).error?.code).toBe('unauthenticated');
      const byAuditor = await auditor.POST('/pathways/{id}/case-steps', {
        params: { path: { id: pathwayId }, header: key() },
        body: firstTalk,
      });
      expect(byAuditor.error?.code).toBe('forbidden');
      // Read after the timeline has the pathway: before, another municipality's coach would be told not_found.
      const seen = { path: { id: pathwayId }, query: { minPosition: pathwayPosition } };
      expect((await otherCoach.GET('/pathways/{id}', { params: seen })).error?.code).toBe('forbidden');
    });

    it('404 for a pathway that does not exist', async () => {
      const missing = await coach.GET('/pathways/{id}', { params: { path: { id: randomUUID() } } });
      expect(missing.error?.code).toBe('not_found');
    });

    it('409 duplicate_pathway names the rule, the table and the conflicting period', async () => {
      const duplicate = await coach.POST('/pathways', { params: { header: key() }, body: languageCourse(participantId) });
      expect(duplicate.error).toMatchObject({
        code: 'duplicate_pathway',
        rule: 'R1',
        eligibilityVersion: expect.any(String),
        conflicting: { kind: 'language_support', jurisdiction: 'state', from: '2026-01-01', to: '2026-12-31' },
      });
    });

    it('412 with the actual version for a stale If-Match', async () => {
      const stale = await coach.POST('/pathways/{id}/transfer', {
        params: { path: { id: pathwayId }, header: { ...key(), 'If-Match': '"7"' } },
        body: { toCoachId: 'coach-2' },
      });
      expect(stale.error).toMatchObject({ code: 'version_conflict', actual: 0 });
    });

    it('422 for a step in the future and for a reused Idempotency-Key', async () => {
      const future = await coach.POST('/pathways/{id}/case-steps', {
        params: { path: { id: pathwayId }, header: key() },
        body: { kind: 'counselling', occurredAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      });
      expect(future.error?.code).toBe('step_in_future');
      const headers = key();
      await coach.POST('/pathways/{id}/transfer', { params: { path: { id: pathwayId }, header: headers }, body: { toCoachId: 'coach-2' } });
      const reused = await coach.POST('/pathways/{id}/transfer', {
        params: { path: { id: pathwayId }, header: headers },
        body: { toCoachId: 'coach-3' },
      });
      expect(reused.error?.code).toBe('idempotency_key_reused');
    });

    it('503 read_model_behind with Retry-After for a position the read model has not reached', async () => {
      const behind = await coach.GET('/pathways', { params: { query: { minPosition: Number.MAX_SAFE_INTEGER } } });
      expect(behind.error?.code).toBe('read_model_behind');
      expect(behind.response.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  });

  describe('the other roles’ routes', () => {
    it('offers: publish, list, read, change places, close', async () => {
      const published = await coordinator.POST('/offers', {
        params: { header: key() },
        body: {
          title: 'B1 evening course',
          provider: 'VHS Neuss',
          kind: 'language_support',
          jurisdiction: 'state',
          municipality: 'neuss',
          places: 12,
          openTo: ['gestattung', 'duldung'],
          period: { from: '2026-09-01', to: '2027-06-30' },
        },
      });
      const offerId = published.data?.id ?? '';
      const listed = await coach.GET('/offers', { params: { query: { minPosition: published.data?.position } } });
      expect(listed.data?.items.map((o) => o.id)).toContain(offerId);
      expect((await coach.GET('/offers/{id}', { params: { path: { id: offerId } } })).data?.free).toBe(12);
      await coordinator.POST('/offers/{id}/places', {
        params: { path: { id: offerId }, header: key() },
        body: { places: 10, changedOn: '2026-10-01' },
      });
      await coordinator.POST('/offers/{id}/close', {
        params: { path: { id: offerId }, header: key() },
        body: { closedOn: '2027-01-01', reason: 'The course room is no longer available.' },
      });
    });

    it('the guard: an override, a case conference and the conflicts list', async () => {
      const participantId =
        (await coach.POST('/participants', { params: { header: key() }, body: { ...amira, givenName: 'Lina' } })).data?.id ?? '';
      const granted = await coordinator.POST('/overrides', {
        params: { header: key() },
        body: { participantId, rule: 'subsidiarity', reason: 'The job centre agreed in writing.', validUntil: '2099-12-31' },
      });
      expect(granted.response.status).toBe(201);
      const conference = await coordinator.POST('/participants/{id}/case-conferences', {
        params: { path: { id: participantId }, header: key() },
        body: { heldOn: '2026-02-01', decision: 'Another language course is worth a try.' },
      });
      expect(conference.response.status).toBe(201);
      expect((await coordinator.GET('/conflicts')).response.status).toBe(200);
    });

    it('participants: residence status, entitlements, needs, erasure', async () => {
      const participantId =
        (await coach.POST('/participants', { params: { header: key() }, body: { ...amira, givenName: 'Sara' } })).data?.id ?? '';
      const id = { id: participantId };
      await coach.POST('/participants/{id}/residence-status', {
        params: { path: id, header: key() },
        body: { residenceStatus: 'aufenthaltserlaubnis', changedOn: '2026-02-01' },
      });
      const entitlement = await coach.POST('/participants/{id}/entitlements', {
        params: { path: id, header: key() },
        body: { jurisdiction: 'sgb2', from: '2026-02-01' },
      });
      await coach.POST('/participants/{id}/entitlements/{entitlementId}/end', {
        params: { path: { id: participantId, entitlementId: entitlement.data?.id ?? '' }, header: key() },
        body: { to: '2026-06-30' },
      });
      await coach.POST('/participants/{id}/needs-assessments', {
        params: { path: id, header: key() },
        body: { assessedOn: '2026-02-01', needs: ['language_support', 'housing'], germanLevel: 'a2' },
      });
      const read = await coach.GET('/participants/{id}', { params: { path: id } });
      expect(read.data?.openNeeds).toEqual(['language_support']);
      await admin.DELETE('/participants/{id}/personal-data', { params: { path: id, header: key() } });
      expect((await coach.GET('/participants/{id}', { params: { path: id } })).data?.personalData).toBeNull();
    });

    it('duplicates: the pair of two registrations of one person, dismissed; and a merge', async () => {
      const first =
        (await coach.POST('/participants', { params: { header: key() }, body: { ...amira, givenName: 'Yara' } })).data?.id ?? '';
      const second =
        (await coach.POST('/participants', { params: { header: key() }, body: { ...amira, givenName: 'Yara' } })).data?.id ?? '';
      const third =
        (await coach.POST('/participants', { params: { header: key() }, body: { ...amira, givenName: 'Yara' } })).data?.id ?? '';
      const pairs = await admin.GET('/duplicates');
      expect(pairs.data?.some((p) => [p.participantA, p.participantB].includes(second))).toBe(true);
      const dismissed = await coordinator.POST('/participants/{id}/not-duplicate', {
        params: { path: { id: first }, header: key() },
        body: { duplicateId: second },
      });
      expect(dismissed.data?.status).toBe('dismissed');
      const merged = await coordinator.POST('/participants/{id}/merge', {
        params: { path: { id: first }, header: key() },
        body: { duplicateId: third },
      });
      expect(merged.data?.duplicatePathways).toEqual([]);
    });

    it('pathways: transfer and abort', async () => {
      const participantId =
        (await coach.POST('/participants', { params: { header: key() }, body: { ...amira, givenName: 'Rana' } })).data?.id ?? '';
      const pathwayId = (await coach.POST('/pathways', { params: { header: key() }, body: languageCourse(participantId) })).data?.id ?? '';
      await coach.POST('/pathways/{id}/transfer', { params: { path: { id: pathwayId }, header: key() }, body: { toCoachId: 'coach-2' } });
      const aborted = await coach.POST('/pathways/{id}/abort', {
        params: { path: { id: pathwayId }, header: key() },
        body: { outcome: 'moved_away', endedOn: '2026-03-31', reason: 'Moved to another city.' },
      });
      expect(aborted.response.status).toBe(200);
    });

    it('operations: health, metrics, the projections and a rebuild', async () => {
      expect((await anonymous.GET('/health')).data?.status).toBe('ok');
      expect((await anonymous.GET('/metrics', { parseAs: 'text' })).data).toContain('lotse_projection_position');
      const projections = await admin.GET('/admin/projections');
      expect(projections.data?.projections.map((p) => p.name)).toContain('offers');
      const rebuild = await admin.POST('/admin/projections/{name}/rebuild', { params: { path: { name: 'offers' }, header: key() } });
      expect(rebuild.response.status).toBe(202);
    });
  });

  describe('statistics, reports and the audit routes', () => {
    it('statistics as JSON and CSV, a stored report, its reproduction, and the page', async () => {
      // JSON or CSV by negotiation: the type says both, so the JSON is told apart from the text.
      const json = (await analyst.GET('/statistics/pathways')).data;
      expect(typeof json === 'object' ? json.type : json).toBe('pathways');
      const csv = await analyst.GET('/statistics/pathways', { params: { query: { format: 'csv' } }, parseAs: 'text' });
      expect(csv.response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect((await analyst.GET('/statistics/outputs')).response.status).toBe(200);
      expect((await analyst.GET('/statistics/careers')).response.status).toBe(200);
      expect((await analyst.GET('/statistics/needs-offers')).response.status).toBe(200);
      const stored = await analyst.POST('/reports', { params: { header: key() }, body: { type: 'pathways' } });
      const reportId = stored.data?.id ?? '';
      expect(stored.response.headers.get('location')).toBe(`/reports/${reportId}`);
      const listed = await analyst.GET('/reports', { params: { query: { minPosition: stored.data?.position } } });
      expect(listed.data?.items.map((r) => r.id)).toContain(reportId);
      expect((await analyst.GET('/reports/{id}', { params: { path: { id: reportId } } })).response.status).toBe(200);
      expect((await analyst.GET('/reports/{id}/reproduction', { params: { path: { id: reportId } } })).response.status).toBe(200);
      const shell = (await anonymous.GET('/statistics', { parseAs: 'text' })).data ?? '';
      expect(shell).toContain('<html');
      // The page's script under the hashed name its shell refers to.
      const script = /\/statistics\/assets\/(page\.[0-9a-f]{16}\.js)/.exec(shell)?.[1] ?? 'page.js';
      expect(
        (await anonymous.GET('/statistics/assets/{file}', { params: { path: { file: script } }, parseAs: 'text' })).response.status,
      ).toBe(200);
    });

    it('the verifiable log: checkpoints, proofs, the key, verification and the export', async () => {
      const participantId =
        (await coach.POST('/participants', { params: { header: key() }, body: { ...amira, givenName: 'Mira' } })).data?.id ?? '';
      const pathway = await coach.POST('/pathways', { params: { header: key() }, body: languageCourse(participantId) });
      await treeReaches(app.get(MERKLE_TREE_STORE), pathway.data?.position ?? 0);
      const history = await auditor.GET('/audit/streams/{streamId}/events', {
        params: { path: { streamId: pathwayStreamId(pathway.data?.id ?? '') } },
      });
      const eventId = history.data?.events?.[0]?.eventId ?? '';
      // Checkpoints are signed in the background: until the first one, the latest is a documented 404.
      // The proof needs a checkpoint that covers the event (one is signed at most a second after it), not just any.
      const covered = history.data?.events?.[0]?.position ?? 1;
      let treeSize = 0;
      for (let tries = 0; tries < 100 && treeSize < covered; tries += 1) {
        treeSize = (await auditor.GET('/audit/checkpoints/latest')).data?.treeSize ?? 0;
        if (treeSize < covered) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await auditor.GET('/audit/checkpoints', { params: { query: { treeSize } } })).data?.treeSize).toBe(treeSize);
      expect((await auditor.GET('/audit/proofs/inclusion', { params: { query: { eventId, treeSize } } })).response.status).toBe(200);
      expect((await auditor.GET('/audit/proofs/consistency', { params: { query: { from: 1, to: treeSize } } })).response.status).toBe(200);
      expect((await auditor.GET('/audit/public-key')).data?.algorithm).toBe('Ed25519');
      expect((await auditor.GET('/audit/verify')).data?.intact).toBe(true);
      expect((await auditor.GET('/audit/log', { parseAs: 'text' })).data?.split('\n').length).toBeGreaterThan(2);
    });

    it('the audit trail: guard decisions, reads of personal data, the access report', async () => {
      const participantId =
        (await coach.POST('/participants', { params: { header: key() }, body: { ...amira, givenName: 'Dana' } })).data?.id ?? '';
      await coach.POST('/pathways', { params: { header: key() }, body: languageCourse(participantId) });
      await coach.GET('/participants/{id}', { params: { path: { id: participantId } } });
      expect((await auditor.GET('/audit/participants/{id}/decisions', { params: { path: { id: participantId } } })).response.status).toBe(
        200,
      );
      expect((await auditor.GET('/audit/access', { params: { query: { participantId } } })).response.status).toBe(200);
      expect((await admin.GET('/participants/{id}/access-report', { params: { path: { id: participantId } } })).response.status).toBe(200);
    });
  });

  if (options.committedContract) {
    // What the client above compiled against and what the linters read must be what the app serves.
    it('matches docs/openapi.json and the client types committed beside it (else: npm run openapi)', async () => {
      expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(await documentTextOf(app));
      const types = await runNpmScript('openapi', ['--check-types'], {});
      expect({ code: types.code, stderr: types.stderr }).toEqual({ code: 0, stderr: '' });
    });
  }

  it('checked an answer of every operation the document lists', async () => {
    const document = (await (await fetch(`${baseUrl}/${OPENAPI_JSON_PATH}`)).json()) as OpenApiDocument;
    const listed = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.filter((operation) => !checked.has(operation))).toEqual([]);
  });
};
