import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SqlDriver } from '@lotse/event-store';
import { signTestToken } from '../../src/auth/testing';
import { SQL_DRIVER } from '../../src/database';
import { bootTestApp, TEST_SECRET as SECRET } from './test-app';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

const as = (roles: string[], municipality: string, sub = `${roles[0]}-${municipality}`) =>
  `Bearer ${signTestToken({ sub, roles, municipality }, SECRET)}`;
const neussCoach = as(['coach'], 'neuss');
const dormagenCoach = as(['coach'], 'dormagen');
const neussCoordinator = as(['coordinator'], 'neuss');
const dormagenCoordinator = as(['coordinator'], 'dormagen');
const grevenbroichCoordinator = as(['coordinator'], 'grevenbroich');
const admin = as(['admin'], 'land-nrw');

const registration = (givenName: string, familyName: string, birthDate: string, municipality: string) => ({
  givenName,
  familyName,
  birthDate,
  municipality,
  residenceStatus: 'duldung',
});
const pathway = (participantId: string, kind: string, plannedStart = '2026-01-01', plannedEnd = '2026-06-30') => ({
  participantId,
  kind,
  jurisdiction: kind === 'participation_management' ? 'sgb8' : 'state',
  provider: 'IN VIA',
  goal: 'Stable perspective',
  plannedStart,
  plannedEnd,
});

/** The same person registered by two bodies, found, merged, and then seen whole by the guard. */
export const duplicatesScenarios = (eventStoreUrl: () => string) => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let sql: SqlDriver;

  beforeAll(async () => {
    app = await bootTestApp(eventStoreUrl());
    http = request(app.getHttpServer());
    sql = app.get(SQL_DRIVER);
  });
  afterAll(() => app.close());

  const register = async (body: object, auth: string) =>
    (await http.post('/participants').set('Authorization', auth).send(body).expect(201)).body.id as string;

  it('finds the same person registered twice in two municipalities, merges them, and the guard sees both histories', async () => {
    const inNeuss = await register(registration('Mohammad', 'Al-Hassan', '2004-03-09', 'neuss'), neussCoach);
    const inDormagen = await register(registration('Muhammed', 'Hassan', '2004-03-09', 'dormagen'), dormagenCoach);

    const listed = await http.get('/duplicates').set('Authorization', neussCoordinator).expect(200);
    const pair = listed.body.find(
      (p: { participantA: string; participantB: string }) =>
        [p.participantA, p.participantB].sort().join() === [inNeuss, inDormagen].sort().join(),
    );
    expect(pair).toMatchObject({ score: expect.any(Number), fields: { birthDate: 'equal' } });
    expect(Object.values(pair.fields)).not.toContain('different');
    expect(pair.clear).toBeUndefined();
    expect(JSON.stringify(listed.body)).not.toMatch(/Mohammad|Muhammed|Hassan|2004-03-09/);
    const forAdmin = await http.get('/duplicates').set('Authorization', admin).expect(200);
    expect(JSON.stringify(forAdmin.body)).toContain('Muhammed');
    await http.get('/duplicates').set('Authorization', neussCoach).expect(403);
    await http.get('/duplicates').expect(401);
    await http.post(`/participants/${inNeuss}/merge`).send({ duplicateId: inDormagen }).expect(401);
    await http.post(`/participants/${inNeuss}/not-duplicate`).send({ duplicateId: inDormagen }).expect(401);
    expect((await http.get('/duplicates').set('Authorization', grevenbroichCoordinator).expect(200)).body).toEqual([]);

    // Before the merge the guard cannot know: each body opens a pathway of its own.
    await http.post('/pathways').set('Authorization', neussCoach).send(pathway(inNeuss, 'coaching')).expect(201);
    await http.post('/pathways').set('Authorization', dormagenCoach).send(pathway(inDormagen, 'language_support')).expect(201);

    // Across municipalities neither coordinator may merge: the other one's coach would lose the person.
    await http
      .post(`/participants/${inNeuss}/merge`)
      .set('Authorization', dormagenCoordinator)
      .send({ duplicateId: inDormagen })
      .expect(403);
    await http.post(`/participants/${inNeuss}/merge`).set('Authorization', neussCoordinator).send({ duplicateId: inDormagen }).expect(403);
    await http.post(`/participants/${inNeuss}/merge`).set('Authorization', neussCoach).send({ duplicateId: inDormagen }).expect(403);
    const merged = await http
      .post(`/participants/${inNeuss}/merge`)
      .set('Authorization', admin)
      .send({ duplicateId: inDormagen })
      .expect(200);

    const mergedAway = await http.get(`/participants/${inDormagen}`).set('Authorization', dormagenCoach).expect(200);
    expect(mergedAway.body).toMatchObject({ status: 'merged', mergedInto: inNeuss });
    const refused = await http
      .post('/pathways')
      .set('Authorization', dormagenCoach)
      .send(pathway(inDormagen, 'school_certificate'))
      .expect(409);
    expect(refused.body.code).toBe('participant_not_active');

    const duplicate = await http
      .post('/pathways')
      .set('Authorization', neussCoach)
      .send(pathway(inNeuss, 'language_support', '2026-03-01', '2026-09-30'))
      .expect(409);
    expect(duplicate.body).toMatchObject({ code: 'duplicate_pathway', conflicting: { kind: 'language_support', jurisdiction: 'state' } });

    const career = await http
      .get(`/participants/${inNeuss}/career?minPosition=${merged.body.position}`)
      .set('Authorization', neussCoach)
      .expect(200);
    expect(career.body.pathways.map((p: { kind: string }) => p.kind).sort()).toEqual(['coaching', 'language_support']);
    expect(career.body.mergedFrom).toEqual([inDormagen]);
    // The body that registered the merged-away duplicate may follow the person on, a third may not.
    await http.get(`/participants/${inNeuss}/career`).set('Authorization', dormagenCoach).expect(200);
    await http
      .get(`/participants/${inNeuss}/career`)
      .set('Authorization', as(['coach'], 'grevenbroich'))
      .expect(403);
    const after = await http.get('/duplicates').set('Authorization', neussCoordinator).expect(200);
    expect(
      after.body.some((p: { participantB: string; participantA: string }) => [p.participantA, p.participantB].includes(inDormagen)),
    ).toBe(false);
  });

  it('brings duplicate measures to light on a merge: in its answer, in the career and in GET /conflicts until one of them ends', async () => {
    const first = await register(registration('Jusuf', 'Amiri', '2002-10-20', 'neuss'), neussCoach);
    const second = await register(registration('Yusuf', 'Amiri', '2002-10-20', 'neuss'), neussCoach);
    const listed = (await http.get('/duplicates').set('Authorization', neussCoordinator).expect(200)).body;
    expect(
      listed.some(
        (p: { participantA: string; participantB: string }) =>
          [p.participantA, p.participantB].sort().join() === [first, second].sort().join(),
      ),
    ).toBe(true);
    // Two coaches, each seeing one registration, open the same kind of measure for overlapping periods.
    const own = (await http.post('/pathways').set('Authorization', neussCoach).send(pathway(first, 'coaching')).expect(201)).body.id;
    const theirs = (
      await http
        .post('/pathways')
        .set('Authorization', neussCoach)
        .send(pathway(second, 'coaching', '2026-03-01', '2026-08-31'))
        .expect(201)
    ).body.id;
    await http.post('/pathways').set('Authorization', neussCoach).send(pathway(second, 'language_support')).expect(201);

    const merged = await http
      .post(`/participants/${first}/merge`)
      .set('Authorization', neussCoordinator)
      .send({ duplicateId: second })
      .expect(200);
    expect(merged.body.duplicatePathways).toEqual([
      { rule: 'duplicate_pathway', kind: 'coaching', pathwayId: theirs, overlapsPathwayId: own },
    ]);

    const career = await http
      .get(`/participants/${first}/career?minPosition=${merged.body.position}`)
      .set('Authorization', neussCoordinator)
      .expect(200);
    const flagsOf = (id: string) => career.body.pathways.find((p: { pathwayId: string }) => p.pathwayId === id).flags;
    expect(flagsOf(own)).toEqual([expect.objectContaining({ rule: 'duplicate_pathway', overlapsPathwayId: theirs })]);
    expect(flagsOf(theirs)).toEqual([expect.objectContaining({ rule: 'duplicate_pathway', overlapsPathwayId: own })]);
    expect(career.body.conflicts).toEqual([
      expect.objectContaining({ rule: 'duplicate_pathway', kind: 'coaching', pathwayId: theirs, overlapsPathwayId: own }),
    ]);

    const conflicts = await http.get(`/conflicts?minPosition=${merged.body.position}`).set('Authorization', neussCoordinator).expect(200);
    expect(conflicts.body.items).toContainEqual({ participantId: first, conflicts: career.body.conflicts });
    expect(JSON.stringify(conflicts.body)).not.toMatch(/Amiri|Yusuf|Jusuf|2002-10-20/);
    const forAdmin = await http
      .get(`/conflicts?municipality=neuss&minPosition=${merged.body.position}`)
      .set('Authorization', admin)
      .expect(200);
    expect(forAdmin.body.items.map((i: { participantId: string }) => i.participantId)).toContain(first);
    expect((await http.get('/conflicts').set('Authorization', dormagenCoordinator).expect(200)).body.items).toEqual([]);
    await http.get('/conflicts?municipality=neuss').set('Authorization', dormagenCoordinator).expect(403);
    await http.get('/conflicts').set('Authorization', neussCoach).expect(403);
    await http
      .get('/conflicts')
      .set('Authorization', as(['auditor'], 'neuss'))
      .expect(403);
    await http.get('/conflicts').expect(401);

    // The merged-away registration's pathway ends: its end reaches the survivor's ledger, and the conflict is settled.
    const aborted = await http
      .post(`/pathways/${theirs}/abort`)
      .set('Authorization', neussCoach)
      .send({ outcome: 'other_measure', endedOn: '2026-03-31', reason: 'Continues in the other coaching.' })
      .expect(200);
    const settled = await http.get(`/conflicts?minPosition=${aborted.body.position}`).set('Authorization', neussCoordinator).expect(200);
    expect(settled.body.items.map((i: { participantId: string }) => i.participantId)).not.toContain(first);
    const afterwards = await http
      .get(`/participants/${first}/career?minPosition=${aborted.body.position}`)
      .set('Authorization', neussCoordinator)
      .expect(200);
    expect(afterwards.body.conflicts).toEqual([]);
    expect(afterwards.body.pathways.find((p: { pathwayId: string }) => p.pathwayId === theirs)).toMatchObject({
      status: 'aborted',
      endedOn: '2026-03-31',
      flags: [expect.objectContaining({ rule: 'duplicate_pathway' })],
    });
  });

  describe('who may merge', () => {
    const eventCount = async () => Number((await sql.query<{ n: string }>('select count(*) as n from events'))[0].n);
    const pairStatus = async (a: string, b: string) =>
      (
        await sql.query<{ status: string }>(
          'select status from duplicate_pairs where (participant_a = $1 and participant_b = $2) or (participant_a = $2 and participant_b = $1)',
          [a, b],
        )
      )[0]?.status;
    const reason = 'Same passport number in both files, confirmed by the job centre.';
    let birthDay = 10;
    /** A listed pair: the same person registered twice with a transliteration variant. */
    const listedPair = async (municipalityA: string, municipalityB: string) => {
      const birthDate = `2001-06-${String((birthDay += 1)).padStart(2, '0')}`;
      const a = await register(registration('Yusuf', 'Rahmani', birthDate, municipalityA), as(['coach'], municipalityA));
      const b = await register(registration('Youssef', 'Rahmani', birthDate, municipalityB), as(['coach'], municipalityB));
      expect(await pairStatus(a, b)).toBe('open');
      return [a, b] as const;
    };
    /** Two people the duplicate check does not connect. */
    const unlistedPair = async (municipalityA: string, municipalityB: string) => {
      const a = await register(registration('Nasrin', 'Jafari', '2002-02-02', municipalityA), as(['coach'], municipalityA));
      const b = await register(registration('Tarek', 'Mansour', '2003-03-03', municipalityB), as(['coach'], municipalityB));
      expect(await pairStatus(a, b)).toBeUndefined();
      return [a, b] as const;
    };
    const refused = async (survivor: string, duplicate: string, auth: string, status: number, code: string, body: object = {}) => {
      const before = await eventCount();
      const pairBefore = await pairStatus(survivor, duplicate);
      const res = await http
        .post(`/participants/${survivor}/merge`)
        .set('Authorization', auth)
        .send({ duplicateId: duplicate, ...body })
        .expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe(code);
      expect(await eventCount()).toBe(before);
      expect(await pairStatus(survivor, duplicate)).toBe(pairBefore);
      const away = await http.get(`/participants/${duplicate}`).set('Authorization', admin).expect(200);
      expect(away.body.status).toBe('registered');
    };

    it('lets a coordinator merge a listed pair inside her own municipality', async () => {
      const [a, b] = await listedPair('neuss', 'neuss');
      await http.post(`/participants/${a}/merge`).set('Authorization', neussCoordinator).send({ duplicateId: b }).expect(200);
      expect(await pairStatus(a, b)).toBe('merged');
      expect((await http.get(`/participants/${b}`).set('Authorization', admin).expect(200)).body).toMatchObject({
        status: 'merged',
        mergedInto: a,
      });
    });

    it('refuses a coordinator a registration of another municipality, as survivor or as duplicate, and a coach always', async () => {
      const [own, other] = await listedPair('neuss', 'dormagen');
      await refused(own, other, neussCoordinator, 403, 'forbidden');
      await refused(other, own, neussCoordinator, 403, 'forbidden');
      await refused(own, other, dormagenCoordinator, 403, 'forbidden');
      const [first, second] = await listedPair('neuss', 'neuss');
      await refused(first, second, neussCoach, 403, 'forbidden');
      await refused(first, second, dormagenCoordinator, 403, 'forbidden');
    });

    it('refuses a coordinator two registrations of her own that were never listed, even with a reason', async () => {
      const [a, b] = await unlistedPair('neuss', 'neuss');
      await refused(a, b, neussCoordinator, 403, 'forbidden');
      await refused(a, b, neussCoordinator, 403, 'forbidden', { reason });
    });

    it('lets an admin merge a listed pair across municipalities without a reason', async () => {
      const [a, b] = await listedPair('neuss', 'dormagen');
      await http.post(`/participants/${a}/merge`).set('Authorization', admin).send({ duplicateId: b }).expect(200);
      expect(await pairStatus(a, b)).toBe('merged');
    });

    it('wants a reason of at least 20 characters from an admin merging an unlisted pair, and keeps it sealed', async () => {
      const [a, b] = await unlistedPair('neuss', 'dormagen');
      await refused(a, b, admin, 422, 'merge_reason_required');
      await refused(a, b, admin, 400, 'validation_failed', { reason: 'too short' });
      await refused(a, b, admin, 400, 'validation_failed', { reason: null });
      await refused(a, b, as(['coordinator'], 'neuss'), 403, 'forbidden', { reason });
      const merged = await http.post(`/participants/${a}/merge`).set('Authorization', admin).send({ duplicateId: b, reason }).expect(200);
      expect(merged.body.id).toBe(a);
      expect((await http.get(`/participants/${b}`).set('Authorization', admin).expect(200)).body).toMatchObject({
        status: 'merged',
        mergedInto: a,
      });
      const [event] = await sql.query<{ data: unknown }>(
        `select data from events_json where type = 'ParticipantMerged' and data->>'participantId' = $1`,
        [b],
      );
      expect(event.data).toMatchObject({ mergedInto: a, reason: expect.any(String) });
      expect(JSON.stringify(event.data)).not.toContain('passport');
    });

    it('treats a pair dismissed as two people like an unlisted one', async () => {
      const [a, b] = await listedPair('neuss', 'neuss');
      await http.post(`/participants/${a}/not-duplicate`).set('Authorization', neussCoordinator).send({ duplicateId: b }).expect(200);
      await refused(a, b, neussCoordinator, 403, 'forbidden');
      await refused(a, b, admin, 422, 'merge_reason_required');
    });

    it('refuses merging a registration into itself', async () => {
      const [a] = await listedPair('neuss', 'neuss');
      const before = await eventCount();
      const res = await http.post(`/participants/${a}/merge`).set('Authorization', admin).send({ duplicateId: a, reason }).expect(422);
      expect(res.body.code).toBe('invalid_merge');
      expect(await eventCount()).toBe(before);
    });

    it('lets only an admin or a coordinator of both municipalities dismiss a pair', async () => {
      const [a, b] = await listedPair('neuss', 'dormagen');
      for (const auth of [neussCoordinator, dormagenCoordinator, neussCoach]) {
        await http.post(`/participants/${a}/not-duplicate`).set('Authorization', auth).send({ duplicateId: b }).expect(403);
        expect(await pairStatus(a, b)).toBe('open');
      }
      await http.post(`/participants/${a}/not-duplicate`).set('Authorization', admin).send({ duplicateId: b }).expect(200);
      expect(await pairStatus(a, b)).toBe('dismissed');
    });
  });

  it('lets a coordinator mark a pair as two different people', async () => {
    const first = await register(registration('Ahmad', 'Karimi', '2003-07-07', 'neuss'), neussCoach);
    const second = await register(registration('Ahmed', 'Karimi', '2003-07-07', 'neuss'), neussCoach);
    const listed = (await http.get('/duplicates').set('Authorization', neussCoordinator).expect(200)).body;
    expect(listed.some((p: { participantA: string; participantB: string }) => [p.participantA, p.participantB].includes(first))).toBe(true);
    await http
      .post(`/participants/${first}/not-duplicate`)
      .set('Authorization', grevenbroichCoordinator)
      .send({ duplicateId: second })
      .expect(403);
    await http
      .post(`/participants/${first}/not-duplicate`)
      .set('Authorization', neussCoordinator)
      .send({ duplicateId: second })
      .expect(200);
    const after = (await http.get('/duplicates').set('Authorization', neussCoordinator).expect(200)).body;
    expect(after.some((p: { participantA: string; participantB: string }) => [p.participantA, p.participantB].includes(first))).toBe(false);
  });

  it('does not list near misses: same birthday, another name; siblings', async () => {
    const a = await register(registration('Samira', 'Noori', '2005-01-15', 'neuss'), neussCoach);
    await register(registration('Farid', 'Rahimi', '2005-01-15', 'neuss'), neussCoach);
    await register(registration('Laila', 'Noori', '2006-04-02', 'neuss'), neussCoach);
    const listed = (await http.get('/duplicates').set('Authorization', admin).expect(200)).body;
    expect(listed.some((p: { participantA: string; participantB: string }) => [p.participantA, p.participantB].includes(a))).toBe(false);
  });

  it('keeps only keyed hashes of names and birth dates', async () => {
    const dump =
      JSON.stringify(await sql.query('select * from participant_match_keys')) +
      JSON.stringify(await sql.query('select * from match_lookup'));
    expect(dump.length).toBeGreaterThan(100);
    // Whole words only: a keyed hash or an id is random hex and spells "2003" now and then.
    const words = new Set(
      dump
        .toLowerCase()
        .replace(UUID, ' ')
        .split(/[^a-z0-9]+/),
    );
    expect(words.size).toBeGreaterThan(3);
    for (const clear of ['mohammad', 'muhammed', 'hassan', 'karimi', 'noori', '2004', '2003']) expect(words).not.toContain(clear);
  });
};
