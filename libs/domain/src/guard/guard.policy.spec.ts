import { NRW_ELIGIBILITY_2026, NRW_ELIGIBILITY_2026_2 } from './default-eligibility-table.nrw';
import { EligibilityTable } from './eligibility-table';
import {
  checkCareerRisk,
  checkPathway,
  checkSubsidiarity,
  GuardOverride,
  GuardRequest,
  hasFailed,
  ParticipantHistory,
  PathwayRecord,
} from './guard.policy';

const table = NRW_ELIGIBILITY_2026;
const now = '2026-03-10T12:00:00.000Z';

const request = (overrides: Partial<GuardRequest> = {}): GuardRequest => ({
  participantId: 'a-1',
  kind: 'coaching',
  jurisdiction: 'state',
  plannedStart: '2026-03-01',
  plannedEnd: '2026-08-31',
  ...overrides,
});
const history = (overrides: Partial<ParticipantHistory> = {}): ParticipantHistory => ({
  residenceStatus: 'duldung',
  entitlements: [],
  pathways: [],
  caseConferences: [],
  ...overrides,
});
const pathway = (overrides: Partial<PathwayRecord> = {}): PathwayRecord => ({
  pathwayId: 'p-0',
  kind: 'coaching',
  jurisdiction: 'sgb3',
  status: 'active',
  plannedStart: '2025-09-01',
  plannedEnd: '2026-02-28',
  ...overrides,
});
/** A coaching pathway that ended without reaching its goal. */
const failed = (endedOn: string, overrides: Partial<PathwayRecord> = {}): PathwayRecord =>
  pathway({
    pathwayId: `f-${endedOn}`,
    status: 'aborted',
    outcome: 'dropped_out',
    plannedStart: '2023-01-01',
    plannedEnd: endedOn,
    endedOn,
    ...overrides,
  });

const decide = (
  h: Partial<ParticipantHistory>,
  r: Partial<GuardRequest> = {},
  overrides: GuardOverride[] = [],
  t: EligibilityTable = table,
) => checkPathway(request(r), history(h), t, overrides, now);
const ok = { ok: true, eligibilityVersion: 'nrw-2026.1', flags: [] };
const refused = (code: string, rule: string, conflicting?: object, conflictingPathwayId?: string) => ({
  ok: false,
  code,
  rule,
  eligibilityVersion: 'nrw-2026.1',
  ...(conflicting ? { conflicting } : {}),
  ...(conflictingPathwayId ? { conflictingPathwayId } : {}),
});

describe('the measure-career guard', () => {
  it('lets a first pathway through', () => expect(decide({})).toEqual(ok));

  describe('R1 no duplicate', () => {
    it('refuses an overlapping pathway of the same kind under another jurisdiction, naming it', () =>
      expect(decide({ pathways: [pathway({ plannedEnd: '2026-04-30' })] })).toEqual(
        refused('duplicate_pathway', 'R1', { kind: 'coaching', jurisdiction: 'sgb3', from: '2025-09-01', to: '2026-04-30' }, 'p-0'),
      ));
    it('lets periods that touch pass: one ends on the 28th, the next starts on the 1st', () =>
      expect(decide({ pathways: [pathway({ plannedEnd: '2026-02-28' })] })).toEqual(ok));
    it('refuses periods that share a single day', () =>
      expect(decide({ pathways: [pathway({ plannedEnd: '2026-03-01' })] })).toMatchObject({ ok: false, code: 'duplicate_pathway' }));
    it('refuses when the existing pathway starts on the planned end, and passes when it starts the day after', () => {
      expect(decide({ pathways: [pathway({ plannedStart: '2026-08-31', plannedEnd: '2027-01-31' })] })).toMatchObject({
        ok: false,
        rule: 'R1',
      });
      expect(decide({ pathways: [pathway({ plannedStart: '2026-09-01', plannedEnd: '2027-01-31' })] })).toEqual(ok);
    });
    it('refuses a pathway planned entirely inside another one', () =>
      expect(
        decide(
          { pathways: [pathway({ plannedStart: '2026-01-01', plannedEnd: '2026-12-31' })] },
          { plannedStart: '2026-04-01', plannedEnd: '2026-05-31' },
        ),
      ).toMatchObject({ ok: false, rule: 'R1' }));
    it('lets an overlapping pathway of another kind pass', () =>
      expect(decide({ pathways: [pathway({ kind: 'language_support', plannedEnd: '2026-12-31' })] })).toEqual(ok));
    it('stops blocking at the end of a pathway aborted yesterday', () => {
      const abortedYesterday = pathway({ plannedEnd: '2026-08-31', status: 'aborted', outcome: 'moved_away', endedOn: '2026-03-09' });
      expect(decide({ pathways: [abortedYesterday] }, { plannedStart: '2026-03-10' })).toEqual(ok);
      expect(decide({ pathways: [abortedYesterday] }, { plannedStart: '2026-03-09' })).toEqual(
        refused('duplicate_pathway', 'R1', { kind: 'coaching', jurisdiction: 'sgb3', from: '2025-09-01', to: '2026-03-09' }, 'p-0'),
      );
    });
    it('lets a completed pathway block up to its end date only, even if planned longer', () => {
      const completedEarly = pathway({ plannedEnd: '2026-12-31', status: 'completed', outcome: 'training_place', endedOn: '2026-02-28' });
      expect(decide({ pathways: [completedEarly] })).toEqual(ok);
    });
    it('blocks with an active pathway up to its planned end', () =>
      expect(decide({ pathways: [pathway({ plannedEnd: '2026-12-31' })] })).toMatchObject({
        ok: false,
        rule: 'R1',
        conflicting: { to: '2026-12-31' },
      }));
    it('cannot be overridden', () => {
      const everyOverride = [
        ...(['subsidiarity', 'career_risk', 'not_eligible'] as const).map((rule) => ({ rule, validUntil: '2026-12-31' })),
        { rule: 'duplicate_pathway', validUntil: '2026-12-31' } as unknown as GuardOverride,
      ];
      expect(decide({ pathways: [pathway({ plannedEnd: '2026-04-30' })] }, {}, everyOverride)).toMatchObject({ ok: false, rule: 'R1' });
    });
  });

  describe('R4 eligibility', () => {
    const participationManagement = { kind: 'participation_management', jurisdiction: 'state' } as const;
    it.each(['duldung', 'gestattung'] as const)('opens state participation management to %s', (residenceStatus) =>
      expect(decide({ residenceStatus }, participationManagement)).toEqual(ok),
    );
    it('closes participation management once a gestattung became an aufenthaltserlaubnis', () =>
      expect(decide({ residenceStatus: 'aufenthaltserlaubnis' }, participationManagement)).toEqual(refused('not_eligible', 'R4')));
    it('refuses a kind the jurisdiction does not fund at all', () =>
      expect(decide({ residenceStatus: 'duldung' }, { kind: 'participation_management', jurisdiction: 'sgb2' })).toEqual(
        refused('not_eligible', 'R4'),
      ));
    it('refuses job-centre coaching to someone with a gestattung, whom SGB II excludes', () =>
      expect(decide({ residenceStatus: 'gestattung' }, { jurisdiction: 'sgb2' })).toEqual(refused('not_eligible', 'R4')));
    it('opens the offers for every status to an unnamed `other` status, and only those', () => {
      expect(decide({ residenceStatus: 'other' }, { jurisdiction: 'state', kind: 'school_certificate' })).toEqual(ok);
      expect(decide({ residenceStatus: 'other' }, { jurisdiction: 'sgb2' })).toMatchObject({ ok: false, rule: 'R4' });
    });
    it('lets a valid override pass and flags it', () =>
      expect(
        decide({ residenceStatus: 'aufenthaltserlaubnis' }, participationManagement, [
          { rule: 'not_eligible', validUntil: '2026-03-10', overrideId: 'o-1' },
        ]),
      ).toEqual({ ...ok, flags: [{ rule: 'not_eligible', overridden: true, overrideId: 'o-1' }] }));
    it('ignores an override that expired yesterday', () =>
      expect(
        decide({ residenceStatus: 'aufenthaltserlaubnis' }, participationManagement, [{ rule: 'not_eligible', validUntil: '2026-03-09' }]),
      ).toEqual(refused('not_eligible', 'R4')));
    it('ignores an override of another rule or scoped to another kind', () => {
      expect(
        decide({ residenceStatus: 'aufenthaltserlaubnis' }, participationManagement, [{ rule: 'subsidiarity', validUntil: '2026-12-31' }]),
      ).toMatchObject({ ok: false, rule: 'R4' });
      expect(
        decide({ residenceStatus: 'aufenthaltserlaubnis' }, participationManagement, [
          { rule: 'not_eligible', validUntil: '2026-12-31', kind: 'coaching' },
        ]),
      ).toMatchObject({ ok: false, rule: 'R4' });
    });
  });

  describe('R4 age', () => {
    const aged = (r: Partial<GuardRequest>, birthDate: string | undefined) =>
      checkPathway(request(r), history(birthDate ? { birthDate } : {}), NRW_ELIGIBILITY_2026_2, [], now);
    const refusedForAge = (ages: object) => ({ ok: false, code: 'not_eligible', rule: 'R4', eligibilityVersion: 'nrw-2026.2', ages });

    it('opens state coaching on the 18th birthday, not the day before', () => {
      expect(aged({ plannedStart: '2026-03-01' }, '2008-03-01')).toMatchObject({ ok: true });
      expect(aged({ plannedStart: '2026-02-28' }, '2008-03-01')).toEqual(refusedForAge({ min: 18, max: 27 }));
    });
    it('keeps it open through the year of the 27th birthday and closes it on the 28th', () => {
      expect(aged({ plannedStart: '2026-03-01' }, '1998-03-02')).toMatchObject({ ok: true });
      expect(aged({ plannedStart: '2026-03-01' }, '1998-03-01')).toEqual(refusedForAge({ min: 18, max: 27 }));
    });
    it('counts the age on the planned start, not today', () =>
      expect(aged({ plannedStart: '2026-09-01' }, '2008-08-15')).toMatchObject({ ok: true }));
    it('refuses youth welfare coaching from the 27th birthday on, with no lower limit', () => {
      expect(aged({ jurisdiction: 'sgb8' }, '1999-03-01')).toEqual(refusedForAge({ max: 26 }));
      expect(aged({ jurisdiction: 'sgb8' }, '2012-01-01')).toMatchObject({ ok: true });
    });
    it('sets no age limit on employment agency coaching', () =>
      expect(aged({ jurisdiction: 'sgb3' }, '1960-01-01')).toMatchObject({ ok: true }));
    it('cannot show an unknown age fits a range, so refuses', () =>
      expect(aged({}, undefined)).toEqual(refusedForAge({ min: 18, max: 27 })));
    it('ignores the age under a table without ranges', () => expect(decide({ birthDate: '2015-01-01' })).toEqual(ok));
    it('lets a not_eligible override lift the age rule too', () =>
      expect(
        checkPathway(
          request(),
          history({ birthDate: '2010-01-01' }),
          NRW_ELIGIBILITY_2026_2,
          [{ rule: 'not_eligible', validUntil: '2026-12-31' }],
          now,
        ),
      ).toEqual({ ok: true, eligibilityVersion: 'nrw-2026.2', flags: [{ rule: 'not_eligible', overridden: true }] }));
  });

  describe('R2 subsidiarity', () => {
    const sgb2 = (from: string, to?: string) => ({ jurisdiction: 'sgb2' as const, from, ...(to ? { to } : {}) });
    const withSgb2 = (from: string, to?: string) => ({ residenceStatus: 'aufenthaltserlaubnis' as const, entitlements: [sgb2(from, to)] });

    it('refuses state coaching while an SGB II entitlement is active, naming the entitlement', () =>
      expect(decide(withSgb2('2025-01-01'))).toEqual(
        refused('subsidiarity', 'R2', { kind: 'coaching', jurisdiction: 'sgb2', from: '2025-01-01' }),
      ));
    it('refuses state language support and school certificate under SGB XII too', () => {
      const sgb12 = {
        residenceStatus: 'aufenthaltserlaubnis' as const,
        entitlements: [{ jurisdiction: 'sgb12' as const, from: '2025-01-01' }],
      };
      expect(decide(sgb12, { kind: 'language_support' })).toMatchObject({ ok: false, rule: 'R2', conflicting: { jurisdiction: 'sgb12' } });
      expect(decide(sgb12, { kind: 'school_certificate' })).toMatchObject({ ok: false, rule: 'R2' });
    });
    it('lets it pass once the entitlement ended the day before the planned start', () =>
      expect(decide(withSgb2('2025-01-01', '2026-02-28'))).toEqual(ok));
    it('refuses when the entitlement ends on the planned start', () =>
      expect(decide(withSgb2('2025-01-01', '2026-03-01'))).toEqual(
        refused('subsidiarity', 'R2', { kind: 'coaching', jurisdiction: 'sgb2', from: '2025-01-01', to: '2026-03-01' }),
      ));
    it('decides on the planned start: an entitlement starting later in the period does not reach back', () => {
      expect(decide(withSgb2('2026-03-01'))).toMatchObject({ ok: false, rule: 'R2' });
      expect(decide(withSgb2('2026-03-02'))).toEqual(ok);
    });
    it('lets other bodies fund the kind despite the entitlement', () =>
      expect(decide(withSgb2('2025-01-01'), { jurisdiction: 'sgb3' })).toEqual(ok));
    it('does not apply to participation management, nor to entitlements that do not cover', () => {
      const pm = request({ kind: 'participation_management' });
      expect(checkSubsidiarity(pm, history({ entitlements: [sgb2('2025-01-01')] }), table)).toEqual({ pass: true });
      expect(decide({ entitlements: [{ jurisdiction: 'asylblg', from: '2025-01-01' }] })).toEqual(ok);
    });
    it('lets a valid override pass and flags it', () =>
      expect(decide(withSgb2('2025-01-01'), {}, [{ rule: 'subsidiarity', validUntil: '2026-06-30', kind: 'coaching' }])).toEqual({
        ...ok,
        flags: [{ rule: 'subsidiarity', overridden: true }],
      }));
    it('ignores an expired override', () =>
      expect(decide(withSgb2('2025-01-01'), {}, [{ rule: 'subsidiarity', validUntil: '2026-03-09' }])).toMatchObject({
        ok: false,
        rule: 'R2',
      }));
  });

  describe('R3 career risk', () => {
    const threeFailures = [failed('2024-06-30'), failed('2025-03-31'), failed('2025-12-31', { jurisdiction: 'sgb2' })];

    it('refuses a fourth pathway after three failures of the kind within 24 months, naming the last', () =>
      expect(decide({ pathways: threeFailures })).toEqual(
        refused('career_risk', 'R3', { kind: 'coaching', jurisdiction: 'sgb2', from: '2023-01-01', to: '2025-12-31' }, 'f-2025-12-31'),
      ));
    it('lets it pass after two', () => expect(decide({ pathways: threeFailures.slice(1) })).toEqual(ok));
    it('counts failures under any jurisdiction but only of the same kind', () =>
      expect(decide({ pathways: threeFailures }, { kind: 'language_support' })).toEqual(ok));
    it('counts a failure that ended exactly 24 months before the planned start, not one a day earlier', () => {
      expect(decide({ pathways: [failed('2024-03-01'), ...threeFailures.slice(1)] })).toMatchObject({ ok: false, rule: 'R3' });
      expect(decide({ pathways: [failed('2024-02-29'), ...threeFailures.slice(1)] })).toEqual(ok);
    });
    it('counts other_measure, dropped_out and unknown, whether completed or aborted, and an abort without outcome', () => {
      const otherMeasure = failed('2024-06-30', { status: 'completed', outcome: 'other_measure' });
      const unknown = failed('2024-06-30', { outcome: 'unknown' });
      const noOutcome = failed('2024-06-30', { outcome: undefined });
      for (const first of [otherMeasure, unknown, noOutcome]) {
        expect(decide({ pathways: [first, ...threeFailures.slice(1)] })).toMatchObject({ ok: false, rule: 'R3' });
      }
    });
    it('does not count a training place, a job or a school place, nor a move away', () => {
      for (const outcome of ['training_place', 'employment', 'school'] as const) {
        expect(decide({ pathways: [failed('2024-06-30', { status: 'completed', outcome }), ...threeFailures.slice(1)] })).toEqual(ok);
      }
      expect(decide({ pathways: [failed('2024-06-30', { outcome: 'moved_away' }), ...threeFailures.slice(1)] })).toEqual(ok);
    });
    it('lifts the risk with a case conference held on or after the day the last failure ended, and flags it', () => {
      expect(decide({ pathways: threeFailures, caseConferences: ['2026-01-15'] })).toEqual({
        ...ok,
        flags: [{ rule: 'career_risk', liftedByCaseConference: '2026-01-15' }],
      });
      expect(decide({ pathways: threeFailures, caseConferences: ['2025-12-31T09:00:00.000Z'] })).toMatchObject({ ok: true });
    });
    it('does not lift it with a conference before the last failure', () =>
      expect(decide({ pathways: threeFailures, caseConferences: ['2025-12-30'] })).toMatchObject({ ok: false, rule: 'R3' }));
    it('takes its numbers from the table', () => {
      const strict = { ...table, careerRisk: { failedPathways: 2, withinMonths: 6 } };
      expect(checkCareerRisk(request(), history({ pathways: threeFailures }), strict)).toEqual({ pass: true });
      expect(checkCareerRisk(request(), history({ pathways: [failed('2025-10-31'), failed('2025-12-31')] }), strict)).toMatchObject({
        pass: false,
      });
    });
    it('lets a valid override pass and flags it; an expired one not', () => {
      expect(decide({ pathways: threeFailures }, {}, [{ rule: 'career_risk', validUntil: '2026-03-10' }])).toEqual({
        ...ok,
        flags: [{ rule: 'career_risk', overridden: true }],
      });
      expect(decide({ pathways: threeFailures }, {}, [{ rule: 'career_risk', validUntil: '2026-03-09' }])).toMatchObject({
        ok: false,
        rule: 'R3',
      });
    });
    it('defines failure by the outcome alone, once the pathway has ended', () => {
      expect(hasFailed(pathway({ status: 'active' }))).toBe(false);
      expect(hasFailed(pathway({ status: 'completed', outcome: 'other_measure', endedOn: '2026-01-01' }))).toBe(true);
      expect(hasFailed(pathway({ status: 'aborted', outcome: 'other_measure', endedOn: '2026-01-01' }))).toBe(true);
      expect(hasFailed(pathway({ status: 'aborted', outcome: 'unknown', endedOn: '2026-01-01' }))).toBe(true);
      expect(hasFailed(pathway({ status: 'aborted', outcome: 'moved_away', endedOn: '2026-01-01' }))).toBe(false);
      expect(hasFailed(pathway({ status: 'completed', outcome: 'school', endedOn: '2026-01-01' }))).toBe(false);
    });
  });

  describe('order R1, R4, R2, R3', () => {
    const noStateCoaching = { ...table, rules: table.rules.filter((r) => !(r.kind === 'coaching' && r.jurisdiction === 'state')) };
    const sgb2 = [{ jurisdiction: 'sgb2' as const, from: '2025-01-01' }];

    it('reports R1 for a request failing R1 and R4', () =>
      expect(
        decide(
          { residenceStatus: 'aufenthaltserlaubnis', pathways: [pathway({ kind: 'participation_management', plannedEnd: '2026-04-30' })] },
          { kind: 'participation_management' },
        ),
      ).toMatchObject({ ok: false, rule: 'R1' }));
    it('reports R4 for a request failing R4 and R2', () =>
      expect(decide({ entitlements: sgb2 }, {}, [], noStateCoaching)).toMatchObject({ ok: false, rule: 'R4' }));
    it('reports R2 for a request failing R2 and R3', () =>
      expect(decide({ entitlements: sgb2, pathways: [failed('2024-06-30'), failed('2025-03-31'), failed('2025-12-31')] })).toMatchObject({
        ok: false,
        rule: 'R2',
      }));
    it('goes on checking after an overridden rule', () =>
      expect(decide({ entitlements: sgb2 }, {}, [{ rule: 'not_eligible', validUntil: '2026-12-31' }], noStateCoaching)).toMatchObject({
        ok: false,
        rule: 'R2',
      }));
    it('passes with every overridden rule flagged in order', () =>
      expect(
        decide(
          { entitlements: sgb2, pathways: [failed('2024-06-30'), failed('2025-03-31'), failed('2025-12-31')] },
          {},
          [
            { rule: 'career_risk', validUntil: '2026-12-31' },
            { rule: 'subsidiarity', validUntil: '2026-12-31' },
            { rule: 'not_eligible', validUntil: '2026-12-31' },
          ],
          noStateCoaching,
        ),
      ).toEqual({
        ...ok,
        flags: [
          { rule: 'not_eligible', overridden: true },
          { rule: 'subsidiarity', overridden: true },
          { rule: 'career_risk', overridden: true },
        ],
      }));
  });

  it('names kind, jurisdiction and period of a conflict, and the pathway id for the audit record only: no notes or personal data', () => {
    const decision = decide({ pathways: [pathway({ pathwayId: 'p-secret', plannedEnd: '2026-04-30' })] });
    expect(Object.keys(decision).sort()).toEqual(['code', 'conflicting', 'conflictingPathwayId', 'eligibilityVersion', 'ok', 'rule']);
    expect(JSON.stringify({ ...decision, conflictingPathwayId: undefined })).not.toContain('p-secret');
  });
});
