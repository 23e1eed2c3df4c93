import { ageBandOf } from './age-band';
import { toCsv } from './csv';
import { disclosureRule } from './disclosure';
import { factsOf } from './facts';
import { careerStatistics, pathwayStatistics } from './queries';
import { applyStatisticsEvent, isStatisticsEvent, StatisticsDocument, statisticsDocumentId, StatisticsEvent } from './statistics-documents';

const fold = (events: StatisticsEvent[]) => {
  const documents = new Map<string, StatisticsDocument>();
  for (const event of events) {
    const id = statisticsDocumentId(event);
    const next = applyStatisticsEvent(documents.get(id), event);
    if (next) documents.set(id, next);
  }
  return documents;
};

const registered = (participantId: string, residenceStatus: string, municipality = 'neuss'): StatisticsEvent => ({
  type: 'ParticipantRegistered',
  data: { participantId, municipality, residenceStatus, personalData: 'sealed', registeredAt: '2025-01-10T08:00:00Z' },
});
const opened = (pathwayId: string, participantId: string, extra: Record<string, unknown> = {}): StatisticsEvent => ({
  type: 'PathwayOpened',
  data: {
    pathwayId,
    participantId,
    municipality: 'neuss',
    kind: 'coaching',
    jurisdiction: 'sgb2',
    goal: 'sealed',
    plannedStart: '2026-02-01',
    plannedEnd: '2026-12-31',
    ...extra,
  },
});

describe('the statistics facts, folded from the log', () => {
  it('counts a pathway with the residence status in force on its start, its age band, steps and end, and nothing personal', () => {
    const documents = fold(
      [
        registered('p1', 'gestattung'),
        {
          type: 'ResidenceStatusChanged',
          data: { participantId: 'p1', from: 'gestattung', to: 'aufenthaltserlaubnis', changedOn: '2026-01-15' },
        },
        {
          type: 'ResidenceStatusChanged',
          data: { participantId: 'p1', from: 'aufenthaltserlaubnis', to: 'niederlassungserlaubnis', changedOn: '2026-03-01' },
        },
        opened('w1', 'p1', { ageAtStart: 22, offerId: 'o1' }),
        {
          type: 'CaseStepRecorded',
          data: { pathwayId: 'w1', step: { kind: 'employer_contact', occurredAt: '2026-02-03T10:00:00+01:00', note: 'sealed' } },
        },
        { type: 'PathwayCompleted', data: { pathwayId: 'w1', outcome: 'employment', endedOn: '2026-05-02' } },
        { type: 'PersonalDataErased', data: { participantId: 'p1', erasedAt: '2026-06-01T00:00:00Z' } } as unknown as StatisticsEvent,
      ].filter(isStatisticsEvent),
    );
    const [pathway] = factsOf(documents).pathways;
    expect(pathway).toMatchObject({
      residenceStatus: 'aufenthaltserlaubnis',
      ageBand: '21-24',
      tookOfferPlace: true,
      status: 'completed',
      outcome: 'employment',
      durationDays: 90,
      steps: [{ on: '2026-02-03', counts: [['employer_contact', 1]] }],
    });
    expect(JSON.stringify([...documents.values()])).not.toMatch(/sealed|goal|note/);
  });

  it('keeps the case steps out of the pathway: one document per day of steps, counted by kind, so a step rewrites no history', () => {
    const step = (kind: string, occurredAt: string): StatisticsEvent => ({
      type: 'CaseStepRecorded',
      data: { pathwayId: 'w1', step: { kind, occurredAt } },
    });
    const history = Array.from({ length: 500 }, (_, i) => step(i % 3 ? 'intake' : 'internship', '2026-02-03T09:00:00Z'));
    const documents = fold([registered('p1', 'duldung'), opened('w1', 'p1'), ...history, step('internship', '2026-02-04T08:00:00Z')]);
    expect([...documents.keys()].sort()).toEqual(['participant-p1', 'pathway-w1', 'steps-w1-2026-02-03', 'steps-w1-2026-02-04']);
    expect(documents.get('pathway-w1')).not.toHaveProperty('steps');
    expect(documents.get('steps-w1-2026-02-03')).toEqual({
      fact: 'steps',
      pathwayId: 'w1',
      on: '2026-02-03',
      counts: [
        ['internship', 167],
        ['intake', 333],
      ],
    });
    const facts = factsOf(documents);
    expect(facts.pathways[0].steps).toEqual([
      {
        on: '2026-02-03',
        counts: [
          ['internship', 167],
          ['intake', 333],
        ],
      },
      { on: '2026-02-04', counts: [['internship', 1]] },
    ]);
  });

  it('counts the case steps of a pathway only once it is there (a step before its opening: never in a consistent log)', () => {
    const early: StatisticsEvent = {
      type: 'CaseStepRecorded',
      data: { pathwayId: 'w1', step: { kind: 'intake', occurredAt: '2026-02-01T09:00:00Z' } },
    };
    expect(factsOf(fold([registered('p1', 'duldung'), early])).pathways).toEqual([]);
    expect(factsOf(fold([registered('p1', 'duldung'), early, opened('w1', 'p1')])).pathways[0].steps).toEqual([
      { on: '2026-02-01', counts: [['intake', 1]] },
    ]);
  });

  it('counts the pathways of a merged registration as the person it was merged into', () => {
    const documents = fold([
      registered('a', 'duldung'),
      registered('b', 'duldung'),
      opened('w1', 'a', { plannedStart: '2025-03-01' }),
      opened('w2', 'b', { plannedStart: '2025-09-01', jurisdiction: 'sgb3' }),
      opened('w3', 'b', { plannedStart: '2026-01-01', jurisdiction: 'state' }),
      { type: 'ParticipantMerged', data: { participantId: 'b', mergedInto: 'a', mergedAt: '2026-02-01T00:00:00Z' } },
    ]);
    const facts = factsOf(documents);
    expect(facts.persons).toHaveLength(1);
    expect(new Set(facts.pathways.map((p) => p.person)).size).toBe(1);
    const careers = careerStatistics(facts, { from: '2024-07-01', to: '2026-06-30' }, disclosureRule(3));
    expect(careers.tables[0].cells.map((c) => [c.keys.pathways, c.value])).toEqual([
      ['1', 0],
      ['2', 0],
      ['3', null],
      ['4+', 0],
    ]);
  });

  it('places the age in its band', () => {
    expect([17, 18, 20, 21, 24, 25, 27, 28, undefined].map(ageBandOf)).toEqual([
      'other',
      '18-20',
      '18-20',
      '21-24',
      '21-24',
      '25-27',
      '25-27',
      'other',
      'other',
    ]);
  });
});

describe('the CSV', () => {
  const events = Array.from({ length: 12 }, (_, i) => [registered(`p${i}`, 'duldung'), opened(`w${i}`, `p${i}`)]).flat();
  const facts = factsOf(fold(events));
  const parameters = { measure: 'started' as const, groupBy: ['kind' as const], from: '2026-01-01', to: '2026-12-31' };
  const result = pathwayStatistics(facts, parameters, disclosureRule(5));

  it('states statistics, position, period, municipality, parameters and rule first, then the table with its total', () => {
    const lines = toCsv(result, { position: 42, rule: disclosureRule(5), parameters }).split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      'statistics,pathways',
      'position,42',
      'period,2026-01-01,2026-12-31',
      'municipality,all',
      'parameters,groupBy=kind measure=started',
    ]);
    expect(lines[5]).toMatch(/^rule,"k=5: counts from 1 to 4 suppressed/);
    expect(lines.slice(7)).toEqual([
      'table,pathways.started',
      'kind,value',
      'coaching,12',
      'language_support,0',
      'school_certificate,0',
      'participation_management,0',
      'total,12',
      '',
    ]);
  });

  it('quotes a field holding the delimiter, and writes semicolons for Excel with German settings', () => {
    const csv = toCsv(result, { position: 42, rule: disclosureRule(5), parameters }, { delimiter: ';', decimal: ',' });
    expect(csv.split('\r\n')[1]).toBe('position;42');
    // The rule's text holds a semicolon (and a comma): quoted under either delimiter.
    expect(csv).toContain('rule;"k=5: counts from 1 to 4 suppressed (*), and further cells');
    expect(csv).toContain('coaching;12');
    const comma = toCsv(result, { position: 42, rule: disclosureRule(5), parameters });
    expect(comma).toContain(
      'rule,"k=5: counts from 1 to 4 suppressed (*), and further cells where a row, column or total would give one away;',
    );
  });
});
