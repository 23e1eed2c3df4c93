import { DeciderSpecification } from '../testing/decider-specification';
import { AssessNeeds, evolve, initialParticipant, ParticipantCommand, participantDecider, ParticipantEvent } from './participant.decider';

const given = DeciderSpecification.for(participantDecider);
const metadata = { now: '2026-03-10T12:00:00.000Z', actor: 'coach-1' };

const registered: ParticipantEvent = {
  type: 'ParticipantRegistered',
  data: { participantId: 'a-1', municipality: 'neuss', residenceStatus: 'gestattung', personalData: 'sealed', registeredAt: metadata.now },
};
const sgb2 = { entitlementId: 'e-1', jurisdiction: 'sgb2' as const, from: '2026-01-01' };
const sgb2Added: ParticipantEvent = { type: 'EntitlementAdded', data: { participantId: 'a-1', entitlement: sgb2 } };

const register = (entitlements = [sgb2]): ParticipantCommand => ({
  type: 'RegisterParticipant',
  metadata,
  data: { participantId: 'a-1', municipality: 'neuss', residenceStatus: 'gestattung', personalData: 'sealed', entitlements },
});
const add = (entitlement: { entitlementId: string; jurisdiction: 'sgb2' | 'sgb12'; from: string; to?: string }): ParticipantCommand => ({
  type: 'AddEntitlement',
  metadata,
  data: { entitlement },
});

describe('participant decider', () => {
  it('registers a participant with the entitlements given', () => given([]).when(register()).then([registered, sgb2Added]));
  it('refuses to register twice', () => given([registered]).when(register([])).thenThrows('participant_exists'));
  it('refuses overlapping entitlements of one jurisdiction at registration', () =>
    given([])
      .when(register([sgb2, { ...sgb2, entitlementId: 'e-2', from: '2026-02-01' }]))
      .thenThrows('entitlement_overlaps'));

  it('changes the residence status', () =>
    given([registered])
      .when({ type: 'ChangeResidenceStatus', metadata, data: { residenceStatus: 'aufenthaltserlaubnis', changedOn: '2026-03-01' } })
      .then([
        {
          type: 'ResidenceStatusChanged',
          data: { participantId: 'a-1', from: 'gestattung', to: 'aufenthaltserlaubnis', changedOn: '2026-03-01' },
        },
      ]));
  it('records nothing when the status is unchanged', () =>
    given([registered])
      .when({ type: 'ChangeResidenceStatus', metadata, data: { residenceStatus: 'gestattung', changedOn: '2026-03-01' } })
      .then([]));
  it('refuses a status change for an unknown participant', () =>
    given([])
      .when({ type: 'ChangeResidenceStatus', metadata, data: { residenceStatus: 'duldung', changedOn: '2026-03-01' } })
      .thenThrows('not_found'));

  it('adds an entitlement of another jurisdiction', () =>
    given([registered, sgb2Added])
      .when(add({ entitlementId: 'e-2', jurisdiction: 'sgb12', from: '2026-02-01' }))
      .then([
        {
          type: 'EntitlementAdded',
          data: { participantId: 'a-1', entitlement: { entitlementId: 'e-2', jurisdiction: 'sgb12', from: '2026-02-01' } },
        },
      ]));
  it('refuses an entitlement that overlaps one of the same jurisdiction', () =>
    given([registered, sgb2Added])
      .when(add({ entitlementId: 'e-2', jurisdiction: 'sgb2', from: '2026-06-01' }))
      .thenThrows('entitlement_overlaps'));
  it('accepts an entitlement after the same jurisdiction’s one ended', () =>
    given([registered, sgb2Added, { type: 'EntitlementEnded', data: { participantId: 'a-1', entitlementId: 'e-1', to: '2026-05-31' } }])
      .when(add({ entitlementId: 'e-2', jurisdiction: 'sgb2', from: '2026-06-01' }))
      .then([
        {
          type: 'EntitlementAdded',
          data: { participantId: 'a-1', entitlement: { entitlementId: 'e-2', jurisdiction: 'sgb2', from: '2026-06-01' } },
        },
      ]));
  it('refuses an entitlement that ends before it starts', () =>
    given([registered])
      .when(add({ entitlementId: 'e-2', jurisdiction: 'sgb12', from: '2026-06-01', to: '2026-05-01' }))
      .thenThrows('invalid_period'));

  it('ends an entitlement', () =>
    given([registered, sgb2Added])
      .when({ type: 'EndEntitlement', metadata, data: { entitlementId: 'e-1', to: '2026-05-31' } })
      .then([{ type: 'EntitlementEnded', data: { participantId: 'a-1', entitlementId: 'e-1', to: '2026-05-31' } }]));
  it('refuses to end an unknown entitlement', () =>
    given([registered])
      .when({ type: 'EndEntitlement', metadata, data: { entitlementId: 'e-9', to: '2026-05-31' } })
      .thenThrows('entitlement_not_found'));
  it('refuses to end an entitlement before it started', () =>
    given([registered, sgb2Added])
      .when({ type: 'EndEntitlement', metadata, data: { entitlementId: 'e-1', to: '2025-12-31' } })
      .thenThrows('invalid_period'));

  it('erases personal data once', () => {
    given([registered])
      .when({ type: 'ErasePersonalData', metadata, data: {} })
      .then([{ type: 'PersonalDataErased', data: { participantId: 'a-1', erasedAt: metadata.now } }]);
    given([registered, { type: 'PersonalDataErased', data: { participantId: 'a-1', erasedAt: metadata.now } }])
      .when({ type: 'ErasePersonalData', metadata, data: {} })
      .then([]);
  });

  describe('merge', () => {
    const merge = (survivor: { id: string; status: 'registered' | 'merged' | 'erased' | 'none' }): ParticipantCommand => ({
      type: 'MergeInto',
      metadata,
      data: { survivor },
    });
    const merged: ParticipantEvent = {
      type: 'ParticipantMerged',
      data: { participantId: 'a-1', mergedInto: 'a-2', mergedAt: metadata.now },
    };
    it('merges a registration into the surviving one', () =>
      given([registered])
        .when(merge({ id: 'a-2', status: 'registered' }))
        .then([merged]));
    it('answers a repeated merge into the same survivor with nothing', () =>
      given([registered, merged])
        .when(merge({ id: 'a-2', status: 'registered' }))
        .then([]));
    it('refuses a merge into another survivor once merged', () =>
      given([registered, merged])
        .when(merge({ id: 'a-3', status: 'registered' }))
        .thenThrows('participant_not_active'));
    it('refuses a merge into itself', () =>
      given([registered])
        .when(merge({ id: 'a-1', status: 'registered' }))
        .thenThrows('invalid_merge'));
    it('refuses a merge into a registration that is itself merged away', () =>
      given([registered])
        .when(merge({ id: 'a-2', status: 'merged' }))
        .thenThrows('invalid_merge'));
  });

  describe('needs assessments', () => {
    type Assessment = AssessNeeds['data']['assessment'];
    const assess = (overrides: Partial<Assessment> = {}): ParticipantCommand => ({
      type: 'AssessNeeds',
      metadata,
      data: {
        assessment: {
          assessmentId: 'n-1',
          assessedOn: '2026-03-01',
          needs: ['language_support', 'housing'],
          germanLevel: 'a2',
          schoolCertificate: 'foreign_not_recognised',
          ...overrides,
        },
      },
    });
    const assessed = (overrides: Partial<Assessment> = {}): ParticipantEvent => ({
      type: 'NeedsAssessed',
      data: {
        participantId: 'a-1',
        assessment: {
          assessmentId: 'n-1',
          assessedOn: '2026-03-01',
          needs: ['language_support', 'housing'],
          germanLevel: 'a2',
          schoolCertificate: 'foreign_not_recognised',
          assessedBy: 'coach-1',
          ...overrides,
        },
        recordedAt: metadata.now,
      },
    });
    const latest = (events: ParticipantEvent[]) => {
      const state = events.reduce(evolve, initialParticipant);
      return state.status === 'none' ? undefined : state.needsAssessment?.assessmentId;
    };

    it('records an assessment with the coach who made it', () => given([registered]).when(assess()).then([assessed()]));
    it('records an assessment without German level or school certificate', () =>
      given([registered])
        .when(assess({ germanLevel: undefined, schoolCertificate: undefined }))
        .then([
          {
            type: 'NeedsAssessed',
            data: {
              participantId: 'a-1',
              recordedAt: metadata.now,
              assessment: { assessmentId: 'n-1', assessedOn: '2026-03-01', needs: ['language_support', 'housing'], assessedBy: 'coach-1' },
            },
          },
        ]));
    it('names a need once however often it was given', () =>
      given([registered])
        .when(assess({ needs: ['housing', 'housing', 'language_support'] }))
        .then([assessed({ needs: ['housing', 'language_support'] })]));
    it('records the same assessment once when the request is retried', () => given([registered, assessed()]).when(assess()).then([]));
    it('refuses an assessment dated after today', () =>
      given([registered])
        .when(assess({ assessedOn: '2026-03-11' }))
        .thenThrows('assessment_in_future'));
    it('refuses an unknown participant', () => given([]).when(assess()).thenThrows('not_found'));
    it('refuses a participant whose data was erased', () =>
      given([registered, { type: 'PersonalDataErased', data: { participantId: 'a-1', erasedAt: metadata.now } }])
        .when(assess())
        .thenThrows('personal_data_erased'));
    it('refuses a merged-away registration', () =>
      given([registered, { type: 'ParticipantMerged', data: { participantId: 'a-1', mergedInto: 'a-2', mergedAt: metadata.now } }])
        .when(assess())
        .thenThrows('participant_not_active'));
    it('keeps every assessment and counts the latest by date; of two on one day, the one recorded last', () => {
      const march = assessed({ assessmentId: 'n-march', assessedOn: '2026-03-01' });
      const january = assessed({ assessmentId: 'n-january', assessedOn: '2026-01-15' });
      const marchAgain = assessed({ assessmentId: 'n-march-2', assessedOn: '2026-03-01' });
      expect(latest([registered, march, january])).toBe('n-march');
      expect(latest([registered, march, january, marchAgain])).toBe('n-march-2');
    });
  });
});
