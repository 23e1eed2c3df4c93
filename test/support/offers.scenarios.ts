import { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SqlDriver } from '@lotse/event-store';
import { signTestToken } from '../../src/auth/testing';
import { SQL_DRIVER } from '../../src/database';
import { bootTestApp, TEST_SECRET as SECRET } from './test-app';

const token = (roles: string[], municipality = 'neuss', sub = `${roles[0]}-1`) =>
  `Bearer ${signTestToken({ sub, roles, municipality }, SECRET)}`;
const coach = token(['coach']);
const coordinator = token(['coordinator']);
const auditor = token(['auditor']);
const admin = token(['admin'], 'land-nrw', 'admin-1');
const dormagenCoach = token(['coach'], 'dormagen', 'coach-9');
const dormagenCoordinator = token(['coordinator'], 'dormagen', 'coordinator-9');

const today = () => new Date().toISOString().slice(0, 10);

export const offerBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Berufssprachkurs B1 mit Praktikum',
  provider: 'VHS Neuss',
  kind: 'language_support',
  jurisdiction: 'state',
  municipality: 'neuss',
  places: 3,
  openTo: ['aufenthaltserlaubnis', 'gestattung'],
  openingPossible: ['duldung'],
  period: { from: '2025-01-01' },
  languages: ['de', 'ar'],
  description: 'Mornings, with childcare.',
  ...overrides,
});
const person = (givenName: string, residenceStatus = 'gestattung') => ({
  givenName,
  familyName: 'Haddad',
  birthDate: '2004-05-17',
  municipality: 'neuss',
  residenceStatus,
});
const pathwayIn = (offerId: string, participantId: string, overrides: Record<string, unknown> = {}) => ({
  participantId,
  offerId,
  kind: 'language_support',
  jurisdiction: 'state',
  provider: 'VHS Neuss',
  goal: 'B1 certificate',
  plannedStart: '2025-09-01',
  plannedEnd: '2099-06-30',
  ...overrides,
});

/**
 * Offers and the places pathways take in them, end to end. Two app instances on one database
 * stand for two servers behind a load balancer: they share no in-process queue, only the store.
 */
export const offersScenarios = (eventStoreUrl: () => string) => {
  let apps: INestApplication[];
  let http: ReturnType<typeof request>[];
  let sql: SqlDriver;
  const eventCount = async () => Number((await sql.query<{ n: string }>('select count(*)::text as n from events'))[0].n);

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lotse-offers-'));
    const url = eventStoreUrl();
    apps = [await bootTestApp(url, dataDir), await bootTestApp(url, dataDir)];
    http = apps.map((app) => request(app.getHttpServer()));
    sql = apps[0].get(SQL_DRIVER);
  });
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
  });

  const publish = async (overrides: Record<string, unknown> = {}) =>
    (await http[0].post('/offers').set('Authorization', coordinator).send(offerBody(overrides)).expect(201)).body as {
      id: string;
      position: number;
    };
  const register = async (givenName: string, residenceStatus?: string) =>
    (await http[0].post('/participants').set('Authorization', coach).send(person(givenName, residenceStatus)).expect(201)).body
      .id as string;
  const offer = async (id: string, minPosition = 0, query = '') =>
    (await http[1].get(`/offers/${id}?minPosition=${minPosition}${query}`).set('Authorization', coach).expect(200)).body;
  const positionNow = async () =>
    Number((await sql.query<{ p: string }>('select coalesce(max(global_position), 0)::text as p from events'))[0].p);

  it('publishes an offer that every role of the municipality reads, with its places, occupied and free', async () => {
    const published = await http[0].post('/offers').set('Authorization', coordinator).send(offerBody()).expect(201);
    expect(published.body).toEqual({ id: expect.any(String), version: 0, position: expect.any(Number) });
    expect(published.headers.location).toBe(`/offers/${published.body.id}`);

    for (const auth of [coach, coordinator, auditor, admin]) {
      const read = await http[1]
        .get(`/offers/${published.body.id}?minPosition=${published.body.position}`)
        .set('Authorization', auth)
        .expect(200);
      expect(read.headers['cache-control']).toBe('no-store');
      expect(read.headers.etag).toBe('"0"');
      expect(read.body).toMatchObject({
        id: published.body.id,
        municipality: 'neuss',
        title: 'Berufssprachkurs B1 mit Praktikum',
        kind: 'language_support',
        jurisdiction: 'state',
        openTo: ['aufenthaltserlaubnis', 'gestattung'],
        openingPossible: ['duldung'],
        period: { from: '2025-01-01' },
        languages: ['de', 'ar'],
        asOf: today(),
        open: true,
        places: 3,
        occupied: 0,
        free: 3,
        version: 0,
      });
      expect(read.body).not.toHaveProperty('takes');
    }
  });

  it('changes the places from a day on and closes the offer, once', async () => {
    const { id } = await publish({ period: { from: '2025-01-01', to: '2099-12-31' } });
    await http[0].post(`/offers/${id}/places`).set('Authorization', coordinator).send({ places: 5, changedOn: '2098-01-01' }).expect(200);
    const closed = await http[1]
      .post(`/offers/${id}/close`)
      .set('Authorization', admin)
      .send({ closedOn: '2099-01-01', reason: 'Funding ended.' })
      .expect(200);
    expect(closed.body).toMatchObject({ id, version: 2 });

    expect(await offer(id, closed.body.position)).toMatchObject({
      places: 3,
      open: true,
      closedOn: '2099-01-01',
      closeReason: 'Funding ended.',
    });
    expect(await offer(id, 0, '&openOn=2098-06-01')).toMatchObject({ places: 5, free: 5, open: true });
    expect(await offer(id, 0, '&openOn=2099-01-01')).toMatchObject({ open: false });

    const before = await eventCount();
    const again = await http[0]
      .post(`/offers/${id}/close`)
      .set('Authorization', coordinator)
      .send({ closedOn: '2099-02-01', reason: 'Again.' })
      .expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body).toMatchObject({ code: 'offer_closed' });
    await http[0].post(`/offers/${id}/places`).set('Authorization', coordinator).send({ places: 9, changedOn: '2098-06-01' }).expect(409);
    expect(await eventCount()).toBe(before);
  });

  describe('refuses other roles and other municipalities with 403 and stores nothing', () => {
    it.each([
      ['a coach publishing', () => http[0].post('/offers').set('Authorization', coach).send(offerBody())],
      ['an auditor publishing', () => http[0].post('/offers').set('Authorization', auditor).send(offerBody())],
      [
        "another municipality's coordinator publishing here",
        () => http[0].post('/offers').set('Authorization', dormagenCoordinator).send(offerBody()),
      ],
    ])('%s', async (_, send) => {
      const before = await eventCount();
      const res = await send();
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'forbidden' });
      expect(await eventCount()).toBe(before);
    });

    it('on the places, the closing and the reads of an offer', async () => {
      const { id, position } = await publish();
      const before = await eventCount();
      const refused = [
        await http[0].post(`/offers/${id}/places`).set('Authorization', coach).send({ places: 9, changedOn: '2026-01-01' }),
        await http[0].post(`/offers/${id}/places`).set('Authorization', dormagenCoordinator).send({ places: 9, changedOn: '2026-01-01' }),
        await http[0].post(`/offers/${id}/close`).set('Authorization', coach).send({ closedOn: '2026-01-01', reason: 'No.' }),
        await http[0].post(`/offers/${id}/close`).set('Authorization', dormagenCoordinator).send({ closedOn: '2026-01-01', reason: 'No.' }),
        await http[1].get(`/offers/${id}?minPosition=${position}`).set('Authorization', dormagenCoach),
        await http[1].get(`/offers?municipality=neuss&minPosition=${position}`).set('Authorization', dormagenCoach),
      ];
      expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
      expect(await eventCount()).toBe(before);
      const own = await http[1].get(`/offers?minPosition=${position}`).set('Authorization', dormagenCoach).expect(200);
      expect(own.body.items.map((o: { id: string }) => o.id)).not.toContain(id);
    });
  });

  describe('bad input gets 400 problem+json and stores nothing', () => {
    it.each([
      ['negative places', { places: -1 }],
      ['places not a whole number', { places: 1.5 }],
      ['places as text', { places: '3' }],
      ['an empty openTo', { openTo: [] }],
      ['an unknown residence status', { openTo: ['tourist'] }],
      ['an unknown kind', { kind: 'yoga' }],
      ['an unknown jurisdiction', { jurisdiction: 'sgb99' }],
      ['an unknown language', { languages: ['xx'] }],
      ['a period that ends before it starts', { period: { from: '2026-09-01', to: '2026-08-31' } }],
      ['a day that does not exist', { period: { from: '2026-02-30' } }],
      ['no period', { period: undefined }],
      ['periods as a list', { period: [{ from: '2026-01-01' }] }],
      ['a status both open as of right and by decision', { openingPossible: ['gestattung'] }],
      ['an unknown field', { price: 100 }],
    ])('%s', async (_, overrides) => {
      const before = await eventCount();
      const res = await http[0].post('/offers').set('Authorization', coordinator).send(offerBody(overrides));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'validation_failed' });
      expect(await eventCount()).toBe(before);
    });

    it('on the places and the closing, and for an offer that does not exist', async () => {
      const { id } = await publish();
      const before = await eventCount();
      for (const body of [
        { places: -1, changedOn: '2026-01-01' },
        { places: 2.5, changedOn: '2026-01-01' },
        { places: 2, changedOn: '2026-13-01' },
      ]) {
        expect((await http[0].post(`/offers/${id}/places`).set('Authorization', coordinator).send(body)).body).toMatchObject({
          status: 400,
          code: 'validation_failed',
        });
      }
      expect((await http[0].post(`/offers/${id}/close`).set('Authorization', coordinator).send({ closedOn: '2026-01-01' })).status).toBe(
        400,
      );
      const missing = await http[0]
        .post('/offers/00000000-0000-4000-8000-000000000000/close')
        .set('Authorization', coordinator)
        .send({ closedOn: '2026-01-01', reason: 'Never was.' })
        .expect(404);
      expect(missing.body).toMatchObject({ code: 'offer_not_found' });
      await http[1].get('/offers/00000000-0000-4000-8000-000000000000').set('Authorization', coach).expect(404);
      for (const query of [
        'kind=yoga',
        'residenceStatus=tourist',
        'openOn=2026-02-30',
        'hasFreePlaces=yes',
        'pageSize=0',
        'municipality=Neuss',
      ]) {
        expect((await http[1].get(`/offers?${query}`).set('Authorization', coach)).body).toMatchObject({
          status: 400,
          code: 'validation_failed',
        });
      }
      expect(await eventCount()).toBe(before);
    });
  });

  it('lists the catalogue filtered by kind, jurisdiction, residence status, day and free places, paged', async () => {
    const municipality = `filter-${Date.now()}`;
    const auth = token(['coordinator'], municipality);
    const post = async (overrides: Record<string, unknown>) =>
      (
        await http[0]
          .post('/offers')
          .set('Authorization', auth)
          .send(offerBody({ municipality, ...overrides }))
          .expect(201)
      ).body as { id: string; position: number };
    const course = await post({ title: 'A course' });
    const coaching = await post({ title: 'B coaching', kind: 'coaching', openTo: ['duldung'], openingPossible: [] });
    const federal = await post({ title: 'C federal', jurisdiction: 'federal', period: { from: '2025-01-01', to: '2025-12-31' } });
    const full = await post({ title: 'D full', places: 0 });
    const list = async (query: string) =>
      (await http[1].get(`/offers?minPosition=${full.position}&${query}`).set('Authorization', auth).expect(200)).body;

    expect((await list('')).items.map((o: { id: string }) => o.id)).toEqual([course.id, coaching.id, federal.id, full.id]);
    expect((await list('kind=coaching')).items.map((o: { id: string }) => o.id)).toEqual([coaching.id]);
    expect((await list('jurisdiction=federal')).items.map((o: { id: string }) => o.id)).toEqual([federal.id]);
    expect((await list('residenceStatus=duldung')).items.map((o: { id: string }) => o.id)).toEqual([
      course.id,
      coaching.id,
      federal.id,
      full.id,
    ]);
    expect((await list('residenceStatus=aufenthaltserlaubnis')).items.map((o: { id: string }) => o.id)).toEqual([
      course.id,
      federal.id,
      full.id,
    ]);
    expect((await list('openOn=2025-06-01')).items.map((o: { id: string }) => o.id)).toEqual([course.id, coaching.id, federal.id, full.id]);
    expect((await list('openOn=2026-06-01')).items.map((o: { id: string }) => o.id)).toEqual([course.id, coaching.id, full.id]);
    expect((await list('hasFreePlaces=true')).items.map((o: { id: string }) => o.id)).toEqual([course.id, coaching.id]);
    const page = await list('pageSize=2&page=2');
    expect(page).toMatchObject({ page: 2, pageSize: 2, total: 4, position: expect.any(Number) });
    expect(page.items.map((o: { id: string }) => o.id)).toEqual([federal.id, full.id]);
  });

  describe('a pathway taking a place', () => {
    it('takes a place while it runs and gives it back when it ends', async () => {
      const { id } = await publish({ places: 1 });
      const participantId = await register('Amira');
      const opened = await http[0].post('/pathways').set('Authorization', coach).send(pathwayIn(id, participantId)).expect(201);
      expect(await offer(id, opened.body.position)).toMatchObject({ occupied: 1, free: 0, version: 1 });
      const pathway = await http[1]
        .get(`/pathways/${opened.body.id}?minPosition=${opened.body.position}`)
        .set('Authorization', coach)
        .expect(200);
      expect(pathway.body).toMatchObject({ offerId: id, status: 'active' });
      const otherId = await register('Yusuf');
      expect((await http[1].post('/pathways').set('Authorization', coach).send(pathwayIn(id, otherId)).expect(409)).body).toMatchObject({
        code: 'offer_full',
      });

      await http[1]
        .post(`/pathways/${opened.body.id}/complete`)
        .set('Authorization', coach)
        .send({ outcome: 'school', endedOn: today() })
        .expect(200);
      expect(await offer(id, await positionNow())).toMatchObject({ occupied: 0, free: 1, version: 2 });
      await http[0].post('/pathways').set('Authorization', coach).send(pathwayIn(id, otherId)).expect(201);
    });

    it('refuses an offer that is closed on the start, of another kind, or not open to the person, before anything is written', async () => {
      const { id } = await publish({ period: { from: '2025-01-01', to: '2026-12-31' } });
      const participantId = await register('Lina');
      const stranger = await register('Omar', 'niederlassungserlaubnis');
      const before = await eventCount();
      const refusals = [
        await http[0]
          .post('/pathways')
          .set('Authorization', coach)
          .send(pathwayIn(id, participantId, { plannedStart: '2024-12-31' })),
        await http[0]
          .post('/pathways')
          .set('Authorization', coach)
          .send(pathwayIn(id, participantId, { plannedStart: '2027-01-01', plannedEnd: '2099-01-01' })),
        await http[0]
          .post('/pathways')
          .set('Authorization', coach)
          .send(pathwayIn(id, participantId, { kind: 'coaching' })),
        await http[0]
          .post('/pathways')
          .set('Authorization', coach)
          .send(pathwayIn(id, participantId, { jurisdiction: 'sgb3' })),
        await http[0].post('/pathways').set('Authorization', coach).send(pathwayIn(id, stranger)),
      ];
      expect(refusals.map((r) => [r.status, r.body.code])).toEqual([
        [409, 'offer_closed'],
        [409, 'offer_closed'],
        [409, 'offer_mismatch'],
        [409, 'offer_mismatch'],
        [409, 'offer_not_open_to_status'],
      ]);
      expect(await eventCount()).toBe(before);
      await http[0].post('/pathways').set('Authorization', coach).send(pathwayIn(id, participantId)).expect(201);
    });

    it("lets a status open only case by case in with a coordinator's override of not_eligible", async () => {
      const { id } = await publish();
      const participantId = await register('Samir', 'duldung');
      const refused = await http[0].post('/pathways').set('Authorization', coach).send(pathwayIn(id, participantId)).expect(409);
      expect(refused.body).toMatchObject({ code: 'offer_not_open_to_status' });
      const granted = await http[0]
        .post('/overrides')
        .set('Authorization', coordinator)
        .send({
          participantId,
          rule: 'not_eligible',
          kind: 'language_support',
          reason: 'Round table agreed: the course is his way into the training market.',
          validUntil: '2099-12-31',
        })
        .expect(201);
      await http[1].post('/pathways').set('Authorization', coach).send(pathwayIn(id, participantId)).expect(201);
      const taken = await sql.query<{ data: { overrideId?: string } }>(
        `select data from events_json where type = 'PlaceTaken' and stream_id = $1`,
        [`offer-${id}`],
      );
      expect(taken.map((e) => e.data.overrideId)).toEqual([granted.body.id]);
    });

    it('refuses an offer that does not exist (404) or of another municipality (403), writing nothing', async () => {
      const dormagen = (
        await http[0]
          .post('/offers')
          .set('Authorization', dormagenCoordinator)
          .send(offerBody({ municipality: 'dormagen' }))
          .expect(201)
      ).body.id;
      const participantId = await register('Nour');
      const before = await eventCount();
      expect(
        (await http[0].post('/pathways').set('Authorization', coach).send(pathwayIn('00000000-0000-4000-8000-000000000000', participantId)))
          .body,
      ).toMatchObject({ status: 404, code: 'offer_not_found' });
      expect((await http[0].post('/pathways').set('Authorization', coach).send(pathwayIn(dormagen, participantId))).status).toBe(403);
      expect(await eventCount()).toBe(before);
    });

    it('gives exactly 3 of 10 concurrent openings on 3 free places a place, and leaves no place or reservation behind for the others', async () => {
      const { id } = await publish({ places: 3 });
      const participants = await Promise.all(Array.from({ length: 10 }, (_, n) => register(`Racer${n}`)));
      const answers = await Promise.all(
        participants.map((participantId, n) =>
          http[n % 2]
            .post('/pathways')
            .set('Authorization', token(['coach'], 'neuss', `coach-${n}`))
            .send(pathwayIn(id, participantId)),
        ),
      );

      expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
      const refused = answers.filter((a) => a.status !== 201);
      expect(refused.map((a) => [a.status, a.body.code])).toEqual(Array.from({ length: 7 }, () => [409, 'offer_full']));
      expect(await offer(id, await positionNow())).toMatchObject({ places: 3, occupied: 3, free: 0 });
      const held = await sql.query<{ type: string; n: string }>(
        `select type, count(*)::text as n from events where stream_id = $1 and type in ('PlaceTaken', 'PlaceReleased') group by type`,
        [`offer-${id}`],
      );
      expect(held).toEqual([{ type: 'PlaceTaken', n: '3' }]);
      const pathwaysOpened = await sql.query<{ n: string }>(
        `select count(*)::text as n from events_json where type = 'PathwayOpened' and data ->> 'offerId' = $1`,
        [id],
      );
      expect(pathwaysOpened[0].n).toBe('3');
      const released = await sql.query<{ n: string }>(
        `select count(*)::text as n from events_json where type = 'ReservationReleased' and data ->> 'participantId' = any($1)`,
        [participants],
      );
      expect(released[0].n).toBe('7');
    });
  });
};
