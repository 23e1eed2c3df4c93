import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { eligibilityTableOn, NRW_ELIGIBILITY_TABLES } from '@lotse/domain';
import { planCounty } from '../../scripts/seed/county-plan';
import { SeedClient } from '../../scripts/seed/seed-client';
import { seedCounty, SeedReport } from '../../scripts/seed/seed-county';
import { signTestToken } from '../../src/auth/testing';
import { bootTestApp, TEST_SECRET } from './test-app';

const admin = `Bearer ${signTestToken({ sub: 'admin-check', roles: ['admin'], municipality: 'rhein-kreis-neuss' }, TEST_SECRET)}`;

/**
 * The seed command's work, end to end: a small county (60 people in three municipalities) written
 * through the HTTP API of a real app, then counted back through the API's own reads.
 */
export const seedScenarios = (eventStoreUrl: () => string) => {
  let app: INestApplication;
  let report: SeedReport;
  const today = new Date().toISOString().slice(0, 10);
  const plan = () =>
    planCounty({ participants: 60, municipalities: 3, seed: 7, today, table: eligibilityTableOn(NRW_ELIGIBILITY_TABLES, today)! });
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await bootTestApp(eventStoreUrl());
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const client = new SeedClient(`http://127.0.0.1:${port}`, (n) =>
      signTestToken({ sub: `seed-admin-${n}`, roles: ['admin'], municipality: 'rhein-kreis-neuss' }, TEST_SECRET),
    );
    report = await seedCounty(client, plan());
  }, 240_000);
  afterAll(() => app?.close());

  it('writes the people, offers and pathways it planned, nearly all of them let through by the guard', () => {
    const planned = plan();
    expect(report.participants).toBe(planned.people.length);
    expect(report.offers).toBe(planned.offers.length);
    const openings = planned.people.flatMap((p) => p.pathways);
    expect(report.pathwaysOpened).toBe(openings.filter((p) => !p.refusal).length - report.unexpectedRefusals);
    expect(report.pathwaysOpened).toBeGreaterThan(50);
    expect(report.completed).toBeGreaterThan(0);
    expect(report.aborted).toBeGreaterThan(0);
    expect(report.caseSteps).toBeGreaterThan(report.pathwaysOpened);
    // Refusals are counted; the ones nobody planned stay rare.
    expect(report.unexpectedRefusals).toBeLessThanOrEqual(2);
    expect(Object.values(report.refusals).reduce((a, b) => a + b, 0)).toBe(
      openings.filter((p) => p.refusal).length + report.unexpectedRefusals,
    );
  });

  it('is found by the API: each municipality’s pathways by status, its offers, the second registrations', async () => {
    const municipalities = plan().municipalities;
    let active = 0;
    let completed = 0;
    let aborted = 0;
    for (const municipality of municipalities) {
      const all = await http()
        .get(`/pathways?municipality=${municipality}&pageSize=1&minPosition=${report.position}`)
        .set('Authorization', admin)
        .expect(200);
      expect(all.body.total).toBe(report.pathwaysByMunicipality[municipality]);
      const byStatus = async (status: string) =>
        (await http().get(`/pathways?municipality=${municipality}&status=${status}&pageSize=1`).set('Authorization', admin).expect(200))
          .body.total as number;
      active += await byStatus('active');
      completed += await byStatus('completed');
      aborted += await byStatus('aborted');
      const offers = await http()
        .get(`/offers?municipality=${municipality}&minPosition=${report.position}`)
        .set('Authorization', admin)
        .expect(200);
      expect(offers.body.items).toHaveLength(plan().offers.filter((o) => o.municipality === municipality).length);
    }
    expect({ completed, aborted, active }).toEqual({
      completed: report.completed,
      aborted: report.aborted,
      active: report.pathwaysOpened - report.completed - report.aborted,
    });
    // The second registrations land in the coordinators' list (matching finds nearly all variants).
    expect(report.duplicateRegistrations).toBeGreaterThan(0);
    const duplicates = await http().get('/duplicates').set('Authorization', admin).expect(200);
    expect(duplicates.body.length).toBeGreaterThan(0);
  });
};
