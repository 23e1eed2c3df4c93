/**
 * What the e2e tests of the command-line tools (projections, replay) set up first: a fresh schema
 * on the test server, and a little history written through the API as a coach for the tool to read.
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { freshSchemaName, TEST_DATABASE_URL } from '../../libs/event-store/src/testing/postgres-test-database';
import { bearer } from './test-app';

export const coach = bearer(['coach'], 'neuss', 'coach-1');

/** A schema of its own on the test server and the EVENT_STORE_URL that names it. */
export const freshPostgresStore = (prefix: string): { schema: string; url: string } => {
  const schema = freshSchemaName(prefix);
  return { schema, url: `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}` };
};

export interface PathwayWithIntake {
  participantId: string;
  pathwayId: string;
  /** The global position of the intake step's event. */
  stepPosition: number;
}

/** A participant registered, a coaching pathway opened for them and its intake step recorded (optionally naming the next step). */
export const pathwayWithIntake = async (
  app: INestApplication,
  givenName = 'Amira',
  next?: { kind: string; dueOn: string },
): Promise<PathwayWithIntake> => {
  const http = request(app.getHttpServer());
  const person = await http
    .post('/participants')
    .set('Authorization', coach)
    .send({ givenName, familyName: 'Haddad', birthDate: '2004-05-17', municipality: 'neuss', residenceStatus: 'duldung', entitlements: [] })
    .expect(201);
  const pathway = await http
    .post('/pathways')
    .set('Authorization', coach)
    .send({
      participantId: person.body.id,
      kind: 'coaching',
      jurisdiction: 'state',
      provider: 'Caritas',
      goal: 'A training place',
      plannedStart: '2026-01-01',
      plannedEnd: '2026-12-31',
    })
    .expect(201);
  const step = await http
    .post(`/pathways/${pathway.body.id}/case-steps`)
    .set('Authorization', coach)
    .send({ kind: 'intake', occurredAt: '2026-02-01T09:00:00+01:00', ...(next ? { next } : {}) })
    .expect(201);
  return { participantId: person.body.id as string, pathwayId: pathway.body.id as string, stepPosition: step.body.position as number };
};
