import fc from 'fast-check';
import { CASE_STEP_KINDS, JURISDICTIONS, NEEDS, OUTCOMES, PATHWAY_KINDS, RESIDENCE_STATUSES } from '../kernel/vocabulary';
import { disclosureRule } from './disclosure';
import { factsOf, StatisticsFacts } from './facts';
import { FactsJoin } from './facts-join';
import { computeStatistics, PATHWAY_MEASURES, StatisticsParameters, StatisticsType } from './queries';
import { foldStatisticsEvent, StatisticsDocument, statisticsDocumentId, StatisticsEvent } from './statistics-documents';

/*
 * The facts kept joined as events arrive must answer every query exactly as the facts joined from
 * scratch at the same position: the service answers from the first, a report's reproduction from
 * the second, and both must come to the same bytes. Queries are asked before every step, so the
 * columns and suppression decisions carried to the next position are the ones compared.
 */

const rule = disclosureRule(3);
const PARTICIPANTS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
const PATHWAYS = ['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8'];
const OFFERS = ['o0', 'o1'];
const MUNICIPALITIES = ['neuss', 'kaarst', 'dormagen'];
const DAYS = ['2024-12-30', '2025-01-02', '2025-03-31', '2025-04-01', '2025-06-30', '2025-09-15', '2026-01-01', '2026-02-10'];

const day = fc.constantFrom(...DAYS);
const participant = fc.constantFrom(...PARTICIPANTS);
const pathway = fc.constantFrom(...PATHWAYS);
const offer = fc.constantFrom(...OFFERS);
const municipality = fc.constantFrom(...MUNICIPALITIES);
const status = fc.constantFrom(...RESIDENCE_STATUSES);
const kind = fc.constantFrom(...PATHWAY_KINDS);
const jurisdiction = fc.constantFrom(...JURISDICTIONS.slice(0, 3));
const e = (type: StatisticsEvent['type'], data: Record<string, unknown>): StatisticsEvent => ({ type, data });

const anEvent: fc.Arbitrary<StatisticsEvent> = fc.oneof(
  {
    arbitrary: fc
      .tuple(participant, municipality, status, day)
      .map(([participantId, m, s, d]) =>
        e('ParticipantRegistered', { participantId, municipality: m, residenceStatus: s, registeredAt: `${d}T08:00:00Z` }),
      ),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(participant, status, day)
      .map(([participantId, to, changedOn]) => e('ResidenceStatusChanged', { participantId, to, changedOn })),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(participant, day, fc.subarray([...NEEDS]))
      .map(([participantId, assessedOn, needs]) => e('NeedsAssessed', { participantId, assessment: { assessedOn, needs } })),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(participant, participant)
      .map(([participantId, mergedInto]) => e('ParticipantMerged', { participantId, mergedInto })),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(pathway, participant, municipality, kind, jurisdiction, day, fc.integer({ min: 15, max: 30 }), fc.option(offer))
      .map(([pathwayId, participantId, m, k, j, plannedStart, ageAtStart, offerId]) =>
        e('PathwayOpened', {
          pathwayId,
          participantId,
          municipality: m,
          kind: k,
          jurisdiction: j,
          plannedStart,
          ageAtStart,
          ...(offerId ? { offerId } : {}),
        }),
      ),
    weight: 5,
  },
  {
    arbitrary: fc
      .tuple(pathway, fc.constantFrom(...CASE_STEP_KINDS), day)
      .map(([pathwayId, k, d]) => e('CaseStepRecorded', { pathwayId, step: { kind: k, occurredAt: `${d}T10:00:00Z` } })),
    weight: 5,
  },
  {
    arbitrary: fc
      .tuple(pathway, fc.boolean(), fc.constantFrom(...OUTCOMES), day)
      .map(([pathwayId, completed, outcome, endedOn]) =>
        e(completed ? 'PathwayCompleted' : 'PathwayAborted', { pathwayId, outcome, endedOn }),
      ),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(participant, pathway, fc.boolean(), fc.constantFrom('R1', 'R2'), day)
      .map(([participantId, pathwayId, allowed, r, d]) =>
        e('GuardDecisionRecorded', { participantId, pathwayId, allowed, refusal: { rule: r }, decidedAt: `${d}T09:00:00Z` }),
      ),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(
        offer,
        municipality,
        kind,
        fc.subarray([...RESIDENCE_STATUSES]),
        fc.subarray([...RESIDENCE_STATUSES]),
        day,
        fc.integer({ min: 0, max: 9 }),
      )
      .map(([offerId, m, k, openTo, openingPossible, from, places]) =>
        e('OfferPublished', { offerId, municipality: m, kind: k, jurisdiction: 'sgb2', openTo, openingPossible, period: { from }, places }),
      ),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(offer, fc.integer({ min: 0, max: 9 }), day)
      .map(([offerId, places, changedOn]) => e('OfferPlacesChanged', { offerId, places, changedOn })),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(offer, pathway, day)
      .map(([offerId, pathwayId, d]) => e('PlaceTaken', { offerId, pathwayId, takenAt: `${d}T10:00:00Z` })),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(offer, pathway, day)
      .map(([offerId, pathwayId, releasedOn]) => e('PlaceReleased', { offerId, pathwayId, releasedOn })),
    weight: 1,
  },
  { arbitrary: fc.tuple(offer, day).map(([offerId, closedOn]) => e('OfferClosed', { offerId, closedOn })), weight: 1 },
);

const QUERIES: [StatisticsType, StatisticsParameters][] = [
  ...PATHWAY_MEASURES.map((measure): [StatisticsType, StatisticsParameters] => [
    'pathways',
    { measure, groupBy: ['kind', 'jurisdiction'] },
  ]),
  ['pathways', { measure: 'started', groupBy: ['quarter', 'residenceStatus', 'municipality'], from: '2025-01-01', to: '2025-12-31' }],
  ['pathways', { measure: 'ended', groupBy: ['outcome', 'ageBand'], municipality: 'neuss' }],
  ['pathways', { measure: 'active', groupBy: ['year', 'municipality'], from: '2025-04-01' }],
  ['needs-offers', { on: '2025-06-30', groupBy: ['kind', 'residenceStatus', 'municipality'] }],
  ['needs-offers', { on: '2026-01-01', groupBy: ['residenceStatus'], municipality: 'kaarst' }],
  ['careers', { from: '2024-07-01', to: '2026-06-30' }],
  ['careers', { from: '2025-01-01', to: '2025-12-31', municipality: 'neuss' }],
  ['outputs', { from: '2025-01-01', to: '2025-12-31' }],
  ['outputs', { municipality: 'dormagen' }],
];

const answers = (facts: StatisticsFacts): string[] =>
  QUERIES.map(([type, parameters]) => JSON.stringify(computeStatistics(type, facts, parameters, rule)));

describe('the facts kept joined as events arrive', () => {
  it('answer every query as the facts joined from scratch, after any sequence of events in any batches', () =>
    fc.assert(
      fc.property(fc.array(fc.array(anEvent, { maxLength: 12 }), { minLength: 1, maxLength: 8 }), (batches) => {
        const documents = new Map<string, StatisticsDocument>();
        const join = new FactsJoin(documents);
        for (const batch of batches) {
          answers(join.facts);
          const keys: string[] = [];
          for (const event of batch) {
            foldStatisticsEvent(documents, event);
            keys.push(statisticsDocumentId(event));
          }
          const facts = join.update(keys);
          expect(answers(facts)).toEqual(answers(factsOf(documents)));
        }
      }),
      { numRuns: 60 },
    ));

  it('keeps the previous facts as they were, and carries their suppression decisions past new case steps', () => {
    const documents = new Map<string, StatisticsDocument>();
    const events = PATHWAYS.flatMap((pathwayId, i) => [
      e('ParticipantRegistered', {
        participantId: `p${i}`,
        municipality: 'neuss',
        residenceStatus: 'duldung',
        registeredAt: '2025-01-02T08:00:00Z',
      }),
      e('PathwayOpened', {
        pathwayId,
        participantId: `p${i}`,
        municipality: 'neuss',
        kind: 'coaching',
        jurisdiction: 'sgb2',
        plannedStart: '2025-03-31',
      }),
    ]);
    for (const event of events) foldStatisticsEvent(documents, event);
    const join = new FactsJoin(documents);
    const before = join.facts;
    const answered = answers(before);
    const step = e('CaseStepRecorded', { pathwayId: 'w0', step: { kind: 'placement_offer', occurredAt: '2027-01-01T10:00:00Z' } });
    foldStatisticsEvent(documents, step);
    const after = join.update([statisticsDocumentId(step)]);
    expect(after).not.toBe(before);
    expect(answers(before)).toEqual(answered);
    expect(before.pathways[0].steps).toHaveLength(0);
    expect(after.pathways[0].steps).toEqual([{ on: '2027-01-01', counts: [['placement_offer', 1]] }]);
    expect(answers(after)).toEqual(answers(factsOf(documents)));
    expect(join.update([])).toBe(after);
  });
});
