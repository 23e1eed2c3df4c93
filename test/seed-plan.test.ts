import { eligibilityTableOn, NRW_ELIGIBILITY_TABLES, PATHWAY_KINDS, RESIDENCE_STATUSES } from '@lotse/domain';
import { planCounty } from '../scripts/seed/county-plan';

const today = '2026-12-01';
const table = eligibilityTableOn(NRW_ELIGIBILITY_TABLES, today)!;
const plan = (seed: number, participants = 2000) => planCounty({ participants, municipalities: 5, seed, today, table });

describe('the seeded county', () => {
  it('is the same for the same seed and day, another for another seed', () => {
    expect(plan(3, 200)).toEqual(plan(3, 200));
    expect(plan(4, 200)).not.toEqual(plan(3, 200));
  });

  it('has every kind, status, outcome and some second registrations, offers in every municipality', () => {
    const county = plan(1);
    const pathways = county.people.flatMap((p) => p.pathways);
    expect(new Set(pathways.map((p) => p.kind))).toEqual(new Set(PATHWAY_KINDS));
    expect(new Set(county.people.map((p) => p.residenceStatus))).toEqual(new Set(RESIDENCE_STATUSES));
    expect(new Set(pathways.flatMap((p) => (p.end ? [p.end.type] : [])))).toEqual(new Set(['complete', 'abort']));
    expect(pathways.some((p) => p.steps.some((s) => s.kind === 'placement_offer'))).toBe(true);
    expect(county.people.filter((p) => p.duplicate).length).toBe(60);
    expect(new Set(county.offers.map((o) => o.municipality))).toEqual(new Set(county.municipalities));
    expect(new Set(pathways.filter((p) => p.refusal).map((p) => p.refusal))).toEqual(
      new Set(['duplicate_pathway', 'not_eligible', 'subsidiarity', 'career_risk']),
    );
  });

  it('plans nothing in the future and no step before its pathway or after its end', () => {
    for (const pathway of plan(2).people.flatMap((p) => p.pathways)) {
      expect(pathway.plannedStart < today).toBe(true);
      for (const step of pathway.steps) {
        expect(step.occurredAt.slice(0, 10) >= pathway.plannedStart).toBe(true);
        expect(step.occurredAt.slice(0, 10) <= (pathway.end?.endedOn ?? today)).toBe(true);
      }
      if (pathway.end) expect(pathway.end.endedOn < today && pathway.end.endedOn >= pathway.plannedStart).toBe(true);
    }
  });
});
