import { INestApplication } from '@nestjs/common';
import { PathwayEvent, PathwayOpened, pathwayStreamId } from '@lotse/domain';
import { randomUUID } from 'node:crypto';
import { apiSpecification, existingStream, expectNewEvents, expectNoNewEvents, expectProblem, expectResponse } from './api-specification';
import { bearer, bootTestApp } from './test-app';

const coach = bearer(['coach'], 'neuss', 'coach-1');
const dormagenCoach = bearer(['coach'], 'dormagen', 'coach-9');

const opened = (pathwayId: string, overrides: Partial<PathwayOpened['data']> = {}): PathwayEvent => ({
  type: 'PathwayOpened',
  data: {
    pathwayId,
    participantId: randomUUID(),
    municipality: 'neuss',
    kind: 'coaching',
    jurisdiction: 'state',
    provider: 'Jugendberufshilfe Neuss',
    // Sealed text is opaque to the write side: these routes never open it.
    goal: 'v1.sealed-goal',
    plannedStart: '2026-01-01',
    plannedEnd: '2026-12-31',
    coachId: 'coach-1',
    openedAt: '2026-01-01T08:00:00.000Z',
    ...overrides,
  },
});

/**
 * Changes to an opened pathway, each told as given (events in the store) / when (one request) /
 * then (the answer and exactly the events it appended); the same on every event store.
 */
export const pathwayChangesScenarios = (eventStoreUrl: () => string) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await bootTestApp(eventStoreUrl());
  });
  afterAll(() => app.close());
  const { given } = apiSpecification(() => app);

  describe('a transfer', () => {
    it('hands the pathway to another coach', async () => {
      const id = randomUUID();
      await given(existingStream(pathwayStreamId(id), [opened(id)]))
        .when((http) => http.post(`/pathways/${id}/transfer`).set('Authorization', coach).send({ toCoachId: 'coach-2' }))
        .then(
          expectResponse(200, { body: { id, version: 1, position: expect.any(Number) }, headers: { etag: '"1"' } }),
          expectNewEvents(pathwayStreamId(id), [
            {
              type: 'PathwayTransferred',
              data: { pathwayId: id, fromCoachId: 'coach-1', toCoachId: 'coach-2', transferredAt: expect.any(String) },
              metadata: { actor: 'coach-1', role: 'coach', municipality: 'neuss' },
            },
          ]),
        );
    });

    it('refuses to hand it to the coach who has it, and appends nothing', async () => {
      const id = randomUUID();
      await given(existingStream(pathwayStreamId(id), [opened(id, { coachId: 'coach-2' })]))
        .when((http) => http.post(`/pathways/${id}/transfer`).set('Authorization', coach).send({ toCoachId: 'coach-2' }))
        .then(expectProblem(409, 'already_assigned'), expectNoNewEvents(pathwayStreamId(id)));
    });
  });

  describe('a case step', () => {
    it('is recorded with the coach who recorded it and the step agreed as next', async () => {
      const id = randomUUID();
      const step = {
        kind: 'counselling',
        occurredAt: '2026-02-01T09:30:00+01:00',
        durationMinutes: 45,
        next: { kind: 'application', dueOn: '2026-02-15' },
      };
      await given(existingStream(pathwayStreamId(id), [opened(id)]))
        .when((http) => http.post(`/pathways/${id}/case-steps`).set('Authorization', coach).send(step))
        .then(
          expectResponse(201, { body: { id: expect.any(String), version: 1 } }),
          expectNewEvents(pathwayStreamId(id), [
            {
              type: 'CaseStepRecorded',
              data: {
                pathwayId: id,
                step: {
                  kind: 'counselling',
                  occurredAt: '2026-02-01T08:30:00.000Z',
                  durationMinutes: 45,
                  recordedBy: 'coach-1',
                  next: { kind: 'application', dueOn: '2026-02-15' },
                },
              },
            },
          ]),
        );
    });

    it('is refused on a pathway that has ended', async () => {
      const id = randomUUID();
      const completed: PathwayEvent = {
        type: 'PathwayCompleted',
        data: { pathwayId: id, outcome: 'training_place', endedOn: '2026-03-01' },
      };
      await given(existingStream(pathwayStreamId(id), [opened(id), completed]))
        .when((http) =>
          http.post(`/pathways/${id}/case-steps`).set('Authorization', coach).send({ kind: 'note', occurredAt: '2026-03-02T10:00:00Z' }),
        )
        .then(expectProblem(409, 'pathway_not_active'), expectNoNewEvents(pathwayStreamId(id)));
    });

    it('is refused 412 on a version the pathway has moved on from, naming the version it is at', async () => {
      const id = randomUUID();
      const recorded: PathwayEvent = {
        type: 'CaseStepRecorded',
        data: {
          pathwayId: id,
          step: { stepId: randomUUID(), kind: 'intake', occurredAt: '2026-01-05T10:00:00.000Z', recordedBy: 'coach-1' },
        },
      };
      await given(existingStream(pathwayStreamId(id), [opened(id), recorded]))
        .when((http) =>
          http
            .post(`/pathways/${id}/case-steps`)
            .set('Authorization', coach)
            .set('If-Match', '"0"')
            .send({ kind: 'note', occurredAt: '2026-02-02T10:00:00Z' }),
        )
        .then(expectProblem(412, 'version_conflict', { actual: 1 }), expectNoNewEvents(pathwayStreamId(id)));
    });

    it('is refused 403 to a coach of another municipality', async () => {
      const id = randomUUID();
      await given(existingStream(pathwayStreamId(id), [opened(id)]))
        .when((http) =>
          http
            .post(`/pathways/${id}/case-steps`)
            .set('Authorization', dormagenCoach)
            .send({ kind: 'note', occurredAt: '2026-02-02T10:00:00Z' }),
        )
        .then(expectProblem(403, 'forbidden'), expectNoNewEvents(pathwayStreamId(id)));
    });
  });
};
