import { DomainError } from '../kernel/domain-error';
import { DeciderSpecification } from '../testing/decider-specification';
import { NRW_ELIGIBILITY_2026, NRW_ELIGIBILITY_2026_2 } from './default-eligibility-table.nrw';
import {
  decide,
  EnrolmentLedgerCommand,
  enrolmentLedgerDecider,
  EnrolmentLedgerEvent,
  enrolmentStreamId,
  evolve,
  GuardDecisionRecorded,
  GuardRefused,
  initialEnrolmentLedger,
  OverrideGranted,
  PathwayReserved,
  ReservePathway,
} from './enrolment-ledger.decider';

const specification = DeciderSpecification.for(enrolmentLedgerDecider);
/**
 * given/when/then, and for reservations: thenReserves(pathway), the guard's allowed decision on the ledger as it stood and the
 * reservation; thenRefuses(code), a GuardRefused carrying the decision to record.
 */
const given = (history: EnrolmentLedgerEvent[]) => ({
  when: (command: EnrolmentLedgerCommand) => ({
    ...specification(history).when(command),
    thenReserves: (pathwayId: string, overrides: Partial<PathwayReserved['data']> = {}) =>
      specification(history)
        .when(command)
        .then(through(pathwayId, overrides, history.length - 1)),
    thenRefuses: (code: string) => {
      const error = refusal(history, command);
      expect(error).toBeInstanceOf(GuardRefused);
      expect(error.code).toBe(code);
    },
  }),
});
const now = '2026-03-10T12:00:00.000Z';
const metadata = { now, actor: 'coach-1' };
const participantId = 'a-1';

type Reserve = ReservePathway['data'];
const reserve = (overrides: Partial<Reserve> = {}): EnrolmentLedgerCommand => ({
  type: 'ReservePathway',
  metadata,
  data: {
    participantId,
    pathwayId: 'p-2',
    kind: 'coaching',
    jurisdiction: 'state',
    plannedStart: '2026-03-01',
    plannedEnd: '2026-08-31',
    residenceStatus: 'duldung',
    entitlements: [],
    eligibility: NRW_ELIGIBILITY_2026,
    ...overrides,
  },
});
const reserved = (pathwayId: string, overrides: Partial<PathwayReserved['data']> = {}): EnrolmentLedgerEvent => ({
  type: 'PathwayReserved',
  data: {
    participantId,
    pathwayId,
    kind: 'coaching',
    jurisdiction: 'state',
    plannedStart: '2026-03-01',
    plannedEnd: '2026-08-31',
    eligibilityVersion: 'nrw-2026.1',
    flags: [],
    reservedAt: now,
    ...overrides,
  },
});
type Decision = GuardDecisionRecorded['data'];
const decided = (pathwayId: string, ledgerVersion: number, overrides: Partial<Decision> = {}): GuardDecisionRecorded => ({
  type: 'GuardDecisionRecorded',
  data: {
    participantId,
    pathwayId,
    kind: 'coaching',
    jurisdiction: 'state',
    plannedStart: '2026-03-01',
    plannedEnd: '2026-08-31',
    allowed: true,
    eligibilityVersion: 'nrw-2026.1',
    ledgerVersion,
    flags: [],
    decidedAt: now,
    ...overrides,
  },
});
/** What a reservation the guard allows appends: the decision on the ledger at `ledgerVersion`, then the reservation. */
const through = (pathwayId: string, overrides: Partial<PathwayReserved['data']>, ledgerVersion: number): EnrolmentLedgerEvent[] => {
  const { reservedAt: _reservedAt, ...shared } = overrides;
  return [decided(pathwayId, ledgerVersion, shared), reserved(pathwayId, overrides)];
};
/** An earlier coaching pathway under SGB III, September to February. */
const earlier = reserved('p-1', {
  jurisdiction: 'sgb3',
  plannedStart: '2025-09-01',
  plannedEnd: '2026-02-28',
  reservedAt: '2025-08-20T09:00:00.000Z',
});
const ended = (pathwayId: string, endedOn: string, outcome: 'dropped_out' | 'training_place' = 'dropped_out'): EnrolmentLedgerEvent => ({
  type: 'PathwayEndRecorded',
  data: { participantId, pathwayId, status: outcome === 'dropped_out' ? 'aborted' : 'completed', outcome, endedOn },
});
const failure = (n: number, endedOn: string): EnrolmentLedgerEvent[] => [
  reserved(`f-${n}`, { plannedStart: addDays(endedOn, -60), plannedEnd: endedOn }),
  ended(`f-${n}`, endedOn),
];
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const threeFailures = [...failure(1, '2024-06-30'), ...failure(2, '2025-03-31'), ...failure(3, '2025-12-31')];
type Granted = OverrideGranted['data'];
const granted = (
  rule: Granted['rule'],
  validUntil: string,
  overrideId = 'o-1',
  overrides: Partial<Granted> = {},
): EnrolmentLedgerEvent => ({
  type: 'OverrideGranted',
  data: {
    participantId,
    overrideId,
    rule,
    validUntil,
    reason: 'sealed-reason',
    grantedBy: 'coordinator-1',
    grantedAt: '2026-03-01T08:00:00.000Z',
    ...overrides,
  },
});
const conference = (heldOn: string, stepId = 's-1'): EnrolmentLedgerEvent => ({
  type: 'CaseConferenceRecorded',
  data: { participantId, stepId, heldOn },
});

function refusal(events: EnrolmentLedgerEvent[], command: EnrolmentLedgerCommand): DomainError {
  try {
    decide(command, events.reduce(evolve, initialEnrolmentLedger));
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('enrolment ledger decider', () => {
  it('lives in the stream enrolment-<participantId>', () => expect(enrolmentStreamId('a-1')).toBe('enrolment-a-1'));

  describe('reserve a pathway', () => {
    it('reserves the first pathway with the table version that decided', () => given([]).when(reserve()).thenReserves('p-2'));
    it('reserves a pathway that touches the previous one of its kind', () => given([earlier]).when(reserve()).thenReserves('p-2'));
    it('finds its own reservation again when a request is retried', () =>
      given([reserved('p-2')])
        .when(reserve())
        .then([]));
    it('refuses a pathway id already reserved with other details', () =>
      given([reserved('p-2')])
        .when(reserve({ plannedEnd: '2026-12-31' }))
        .thenThrows('pathway_exists'));
    it('refuses a period that ends before it starts', () =>
      given([])
        .when(reserve({ plannedStart: '2026-05-01', plannedEnd: '2026-04-30' }))
        .thenThrows('invalid_period'));
    it('refuses a planned start that is no date', () =>
      given([])
        .when(reserve({ plannedStart: '2026-02-30' }))
        .thenThrows('invalid_period'));

    it('refuses an overlapping pathway of the same kind (R1), naming only its kind, jurisdiction and period', () => {
      const error = refusal([earlier], reserve({ plannedStart: '2026-02-01' }));
      expect(error.code).toBe('duplicate_pathway');
      expect(error.details).toEqual({
        rule: 'R1',
        eligibilityVersion: 'nrw-2026.1',
        conflicting: { kind: 'coaching', jurisdiction: 'sgb3', from: '2025-09-01', to: '2026-02-28' },
      });
      expect(error.message).toBe('R1: a coaching pathway under sgb3 from 2025-09-01 to 2026-02-28 overlaps the planned period');
    });
    it('lets a pathway through once the overlapping one was recorded as ended the day before', () =>
      given([earlier, ended('p-1', '2026-01-31')])
        .when(reserve({ plannedStart: '2026-02-01' }))
        .thenReserves('p-2', { plannedStart: '2026-02-01' }));
    it('refuses with the decision to record: rule, table version, the ledger version and the conflicting pathway', () => {
      const error = refusal([earlier], reserve({ plannedStart: '2026-02-01' }));
      expect(error).toBeInstanceOf(GuardRefused);
      expect((error as GuardRefused).decision).toEqual(
        decided('p-2', 0, {
          plannedStart: '2026-02-01',
          allowed: false,
          refusal: {
            code: 'duplicate_pathway',
            rule: 'R1',
            conflictingPathwayId: 'p-1',
            conflicting: { kind: 'coaching', jurisdiction: 'sgb3', from: '2025-09-01', to: '2026-02-28' },
          },
        }),
      );
      expect(error.details).not.toHaveProperty('conflictingPathwayId');
    });
    it('records a refusal without a conflicting pathway where the rule has none (R2)', () => {
      const error = refusal(
        [],
        reserve({ residenceStatus: 'aufenthaltserlaubnis', entitlements: [{ jurisdiction: 'sgb2', from: '2025-01-01' }] }),
      );
      expect((error as GuardRefused).decision).toEqual(
        decided('p-2', -1, {
          allowed: false,
          refusal: { code: 'subsidiarity', rule: 'R2', conflicting: { kind: 'coaching', jurisdiction: 'sgb2', from: '2025-01-01' } },
        }),
      );
    });
    it('decides as before after an allowed decision in the ledger: the record changes nothing the guard decides on', () =>
      given([earlier, ...through('p-9', { kind: 'language_support' }, 0)])
        .when(reserve())
        .thenReserves('p-2'));
    it('refuses an offer not open to the residence status (R4)', () => {
      const error = refusal([], reserve({ kind: 'participation_management', residenceStatus: 'aufenthaltserlaubnis' }));
      expect(error.code).toBe('not_eligible');
      expect(error.details).toEqual({ rule: 'R4', eligibilityVersion: 'nrw-2026.1' });
    });
    it('refuses an offer outside its age range on the planned start (R4), naming the age rule but not the age', () => {
      const error = refusal([], reserve({ eligibility: NRW_ELIGIBILITY_2026_2, birthDate: '2009-05-17' }));
      expect(error.code).toBe('not_eligible');
      expect(error.details).toEqual({ rule: 'R4', eligibilityVersion: 'nrw-2026.2', ages: { min: 18, max: 27 } });
      expect(error.message).toBe(
        'R4: coaching under state is open only to people aged 18 to 27 on the planned start, ' +
          "and the participant's age then is outside it (age rule of eligibility table nrw-2026.2)",
      );
      expect(error.message).not.toContain('2009');
    });
    it('reserves within the age range', () =>
      given([])
        .when(reserve({ eligibility: NRW_ELIGIBILITY_2026_2, birthDate: '2004-05-17' }))
        .thenReserves('p-2', { eligibilityVersion: 'nrw-2026.2' }));
    it('refuses state funding while an SGB II entitlement covers the kind (R2)', () => {
      const error = refusal(
        [],
        reserve({ residenceStatus: 'aufenthaltserlaubnis', entitlements: [{ jurisdiction: 'sgb2', from: '2025-01-01' }] }),
      );
      expect(error.code).toBe('subsidiarity');
      expect(error.details).toMatchObject({ rule: 'R2', conflicting: { jurisdiction: 'sgb2', from: '2025-01-01' } });
    });
    it('refuses a fourth pathway after three failures (R3)', () => {
      const error = refusal(threeFailures, reserve());
      expect(error.code).toBe('career_risk');
      expect(error.details).toMatchObject({ rule: 'R3', conflicting: { kind: 'coaching', to: '2025-12-31' } });
    });
    it('reserves after a case conference, recording that it lifted the risk', () =>
      given([...threeFailures, conference('2026-01-20')])
        .when(reserve())
        .thenReserves('p-2', { flags: [{ rule: 'career_risk', liftedByCaseConference: '2026-01-20' }] }));
    it('reserves under a valid override, recording it', () =>
      given([...threeFailures, granted('career_risk', '2026-03-31')])
        .when(reserve())
        .thenReserves('p-2', { flags: [{ rule: 'career_risk', overridden: true, overrideId: 'o-1' }] }));
    it('ignores an expired override', () =>
      given([...threeFailures, granted('career_risk', '2026-03-09')])
        .when(reserve())
        .thenRefuses('career_risk'));
    it('spends an override on the first pathway it lets through', () => {
      const firstThrough = reserved('p-2', {
        plannedEnd: '2026-04-30',
        flags: [{ rule: 'career_risk', overridden: true, overrideId: 'o-1' }],
      });
      given([...threeFailures, granted('career_risk', '2026-12-31'), firstThrough])
        .when(reserve({ pathwayId: 'p-3', plannedStart: '2026-05-01' }))
        .thenRefuses('career_risk');
    });
    it('gives the override back when the pathway it let through was never opened', () => {
      const firstThrough = reserved('p-2', { flags: [{ rule: 'career_risk', overridden: true, overrideId: 'o-1' }] });
      const released: EnrolmentLedgerEvent = { type: 'ReservationReleased', data: { participantId, pathwayId: 'p-2', releasedAt: now } };
      given([...threeFailures, granted('career_risk', '2026-12-31'), firstThrough, released])
        .when(reserve({ pathwayId: 'p-3' }))
        .thenReserves('p-3', { flags: [{ rule: 'career_risk', overridden: true, overrideId: 'o-1' }] });
    });
    it('uses a second override of the same rule once the first is spent', () => {
      const firstThrough = reserved('p-2', {
        plannedEnd: '2026-04-30',
        flags: [{ rule: 'career_risk', overridden: true, overrideId: 'o-1' }],
      });
      given([...threeFailures, granted('career_risk', '2026-12-31'), granted('career_risk', '2026-12-31', 'o-2'), firstThrough])
        .when(reserve({ pathwayId: 'p-3', plannedStart: '2026-05-01' }))
        .thenReserves('p-3', { plannedStart: '2026-05-01', flags: [{ rule: 'career_risk', overridden: true, overrideId: 'o-2' }] });
    });
    it('sees pathways absorbed from a merged registration', () =>
      given([
        {
          type: 'LedgerMerged',
          data: {
            participantId,
            fromParticipantId: 'a-9',
            mergedAt: now,
            caseConferences: [],
            overrides: [],
            overlaps: [],
            pathways: [
              {
                pathwayId: 'p-9',
                kind: 'coaching',
                jurisdiction: 'sgb2',
                status: 'active',
                plannedStart: '2026-01-01',
                plannedEnd: '2026-06-30',
              },
            ],
          },
        },
      ])
        .when(reserve())
        .thenRefuses('duplicate_pathway'));
    it('refuses a reservation once the ledger was closed into another', () => {
      const error = refusal([{ type: 'LedgerClosed', data: { participantId, mergedInto: 'a-2', closedAt: now } }], reserve());
      expect(error.code).toBe('ledger_closed');
      expect(error.details).toEqual({ mergedInto: 'a-2' });
    });
    it('refuses a command meant for another participant’s ledger', () =>
      given([earlier])
        .when(reserve({ participantId: 'a-2' }))
        .thenThrows('ledger_mismatch'));
  });

  describe('release a reservation', () => {
    const release = (pathwayId = 'p-2'): EnrolmentLedgerCommand => ({
      type: 'ReleaseReservation',
      metadata,
      data: { participantId, pathwayId },
    });
    it('releases a reservation whose pathway was never opened', () =>
      given([reserved('p-2')])
        .when(release())
        .then([{ type: 'ReservationReleased', data: { participantId, pathwayId: 'p-2', releasedAt: now } }]));
    it('frees the period for another pathway', () =>
      given([reserved('p-2'), { type: 'ReservationReleased', data: { participantId, pathwayId: 'p-2', releasedAt: now } }])
        .when(reserve({ pathwayId: 'p-3' }))
        .thenReserves('p-3'));
    it('releases twice without a second event', () =>
      given([reserved('p-2'), { type: 'ReservationReleased', data: { participantId, pathwayId: 'p-2', releasedAt: now } }])
        .when(release())
        .then([]));
    it('refuses to release an unknown pathway', () => given([]).when(release()).thenThrows('reservation_not_found'));
    it('refuses to release a pathway that ran and ended', () =>
      given([earlier, ended('p-1', '2026-01-31')])
        .when(release('p-1'))
        .thenThrows('pathway_not_active'));
  });

  describe('record a pathway’s end', () => {
    const end = (
      endedOn: string,
      status: 'completed' | 'aborted' = 'aborted',
      outcome: 'dropped_out' | 'training_place' = 'dropped_out',
    ): EnrolmentLedgerCommand => ({
      type: 'RecordPathwayEnded',
      metadata,
      data: { participantId, pathwayId: 'p-1', status, outcome, endedOn },
    });
    it('records the end, so the pathway blocks only up to it', () =>
      given([earlier])
        .when(end('2026-01-31'))
        .then([ended('p-1', '2026-01-31')]));
    it('records the same end twice without a second event', () =>
      given([earlier, ended('p-1', '2026-01-31')])
        .when(end('2026-01-31'))
        .then([]));
    it('refuses a different end for an ended pathway', () =>
      given([earlier, ended('p-1', '2026-01-31')])
        .when(end('2026-02-15'))
        .thenThrows('pathway_not_active'));
    it('refuses a completion whose outcome does not reach the goal', () =>
      given([earlier]).when(end('2026-01-31', 'completed')).thenThrows('outcome_not_a_completion'));
    it('refuses an end before the start', () => given([earlier]).when(end('2025-08-31')).thenThrows('end_before_start'));
    it('refuses an end after today', () => given([earlier]).when(end('2026-03-11')).thenThrows('end_in_future'));
    it('refuses an unknown pathway', () => given([]).when(end('2026-01-31')).thenThrows('reservation_not_found'));
  });

  describe('record a case conference', () => {
    const record = (heldOn: string, stepId = 's-1'): EnrolmentLedgerCommand => ({
      type: 'RecordCaseConference',
      metadata,
      data: { participantId, stepId, heldOn },
    });
    it('records a conference', () =>
      given([])
        .when(record('2026-03-10'))
        .then([conference('2026-03-10')]));
    it('records the same case step once', () =>
      given([conference('2026-03-10')])
        .when(record('2026-03-10'))
        .then([]));
    it('refuses a conference in the future', () => given([]).when(record('2026-03-11')).thenThrows('step_in_future'));
    it('refuses a date that is no date', () => given([]).when(record('10.03.2026')).thenThrows('validation_failed'));
  });

  describe('grant an override', () => {
    const grant = (rule: string, validUntil: string, kind?: 'coaching'): EnrolmentLedgerCommand => ({
      type: 'GrantOverride',
      metadata: { now, actor: 'coordinator-1' },
      data: {
        participantId,
        overrideId: 'o-1',
        rule: rule as 'subsidiarity',
        validUntil,
        reason: 'sealed-reason',
        ...(kind ? { kind } : {}),
      },
    });
    it('grants an override with its written reason, by the coordinator', () =>
      given([])
        .when(grant('subsidiarity', '2026-06-30', 'coaching'))
        .then([
          {
            type: 'OverrideGranted',
            data: {
              participantId,
              overrideId: 'o-1',
              rule: 'subsidiarity',
              kind: 'coaching',
              validUntil: '2026-06-30',
              reason: 'sealed-reason',
              grantedBy: 'coordinator-1',
              grantedAt: now,
            },
          },
        ]));
    it('grants the same override once', () =>
      given([granted('subsidiarity', '2026-06-30')])
        .when(grant('subsidiarity', '2026-06-30'))
        .then([]));
    it('refuses to override R1', () => given([]).when(grant('duplicate_pathway', '2026-06-30')).thenThrows('not_overridable'));
    it('refuses an override that has already expired', () =>
      given([]).when(grant('career_risk', '2026-03-09')).thenThrows('invalid_period'));
    it('lets a scoped override lift its kind only', () => {
      const scoped = granted('subsidiarity', '2026-06-30', 'o-1', { kind: 'language_support' });
      const sgb2 = {
        residenceStatus: 'aufenthaltserlaubnis' as const,
        entitlements: [{ jurisdiction: 'sgb2' as const, from: '2025-01-01' }],
      };
      given([scoped]).when(reserve(sgb2)).thenRefuses('subsidiarity');
      given([scoped])
        .when(reserve({ ...sgb2, kind: 'language_support' }))
        .thenReserves('p-2', { kind: 'language_support', flags: [{ rule: 'subsidiarity', overridden: true, overrideId: 'o-1' }] });
    });
  });

  describe('merge after a duplicate registration', () => {
    const closed: EnrolmentLedgerEvent = { type: 'LedgerClosed', data: { participantId: 'a-9', mergedInto: participantId, closedAt: now } };
    /** The merged-away registration: a state coaching from January, a conference and an override. */
    const sourceEvents: EnrolmentLedgerEvent[] = [
      reserved('p-9', { participantId: 'a-9', plannedStart: '2026-01-01', plannedEnd: '2026-06-30' }),
      { type: 'CaseConferenceRecorded', data: { participantId: 'a-9', stepId: 's-9', heldOn: '2026-01-15' } },
      granted('not_eligible', '2026-12-31', 'o-9', { participantId: 'a-9' }),
    ];
    const source = (events: EnrolmentLedgerEvent[]) => events.reduce(evolve, initialEnrolmentLedger);
    const merge = (events: EnrolmentLedgerEvent[]): EnrolmentLedgerCommand => ({
      type: 'MergeLedger',
      metadata,
      data: { participantId, source: source(events) },
    });
    const merged: EnrolmentLedgerEvent = {
      type: 'LedgerMerged',
      data: {
        participantId,
        fromParticipantId: 'a-9',
        mergedAt: now,
        pathways: [
          {
            pathwayId: 'p-9',
            kind: 'coaching',
            jurisdiction: 'state',
            status: 'active',
            plannedStart: '2026-01-01',
            plannedEnd: '2026-06-30',
          },
        ],
        caseConferences: [{ stepId: 's-9', heldOn: '2026-01-15' }],
        overrides: [{ overrideId: 'o-9', rule: 'not_eligible', validUntil: '2026-12-31' }],
        overlaps: [{ pathwayId: 'p-9', overlapsPathwayId: 'p-1' }],
      },
    };

    it('closes the merged-away ledger first', () =>
      given(sourceEvents)
        .when({ type: 'CloseLedger', metadata, data: { participantId: 'a-9', mergedInto: participantId } })
        .then([closed]));
    it('closes it once', () =>
      given([...sourceEvents, closed])
        .when({ type: 'CloseLedger', metadata, data: { participantId: 'a-9', mergedInto: participantId } })
        .then([]));
    it('refuses to close it into another participant afterwards', () =>
      given([...sourceEvents, closed])
        .when({ type: 'CloseLedger', metadata, data: { participantId: 'a-9', mergedInto: 'a-7' } })
        .thenThrows('ledger_closed'));
    it('refuses to merge a participant into itself', () =>
      given([])
        .when({ type: 'CloseLedger', metadata, data: { participantId, mergedInto: participantId } })
        .thenThrows('invalid_merge'));
    it('absorbs the closed ledger’s entries and names the overlaps the guard could not see', () =>
      given([earlier])
        .when(merge([...sourceEvents, closed]))
        .then([merged]));
    it('absorbs it once', () =>
      given([earlier, merged])
        .when(merge([...sourceEvents, closed]))
        .then([]));
    it('refuses a ledger that was not closed into this one', () =>
      given([earlier]).when(merge(sourceEvents)).thenThrows('ledger_not_closed'));
    it('guards against the absorbed pathways afterwards', () =>
      given([merged])
        .when(reserve({ plannedStart: '2026-06-01' }))
        .thenRefuses('duplicate_pathway'));
  });
});
