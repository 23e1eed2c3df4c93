import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { forgedToken, RATE_LIMIT_ENV, rateLimitsScenarios } from './support/rate-limits.scenarios';
import { bearer, bootTestApp } from './support/test-app';

const urlOf = (schema: string) => {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('schema', schema);
  return url.toString();
};

/** On PostgreSQL the counts live in its database (rate_limit_windows), shared by every instance. */
describe('rate limits on the PostgreSQL server (DATABASE_URL)', () => {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));

  // A schema of their own: the two instances below count apart from these.
  rateLimitsScenarios(() => {
    schemas.push(freshSchemaName());
    return urlOf(schemas[schemas.length - 1]);
  });

  describe('two instances on one schema', () => {
    let apps: INestApplication[] = [];
    beforeAll(async () => {
      schemas.push(freshSchemaName());
      const url = urlOf(schemas[schemas.length - 1]);
      apps = [await bootTestApp(url, undefined, { env: RATE_LIMIT_ENV }), await bootTestApp(url, undefined, { env: RATE_LIMIT_ENV })];
    });
    afterAll(() => Promise.all(apps.map((app) => app.close())));
    const via = (n: number) => request(apps[n % 2].getHttpServer());

    it('share the count of failed authentications: 5 spread over both, the 6th refused 429 by either', async () => {
      for (let n = 0; n < 5; n += 1) await via(n).get('/pathways').set('Authorization', forgedToken(n)).expect(401);
      await via(5).get('/pathways').set('Authorization', forgedToken(5)).expect(429);
      await via(6).get('/pathways').set('Authorization', forgedToken(6)).expect(429);
    });

    it("share the count of a subject's writes", async () => {
      const coach = bearer(['coach'], 'neuss', 'coach-on-two-instances');
      for (let n = 0; n < 3; n += 1) await via(n).post('/pathways').set('Authorization', coach).send({}).expect(400);
      await via(3).post('/pathways').set('Authorization', coach).send({}).expect(429);
      await via(4).post('/pathways').set('Authorization', coach).send({}).expect(429);
    });
  });
});
