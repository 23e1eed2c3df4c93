import type { StoredEvent } from '@lotse/event-store';
import { CareerDocument, careersProjection } from './careers.projection';

const stored = (type: string, data: Record<string, unknown>): StoredEvent => ({
  type,
  data: { participantId: 'a1', ...data },
  streamId: `x-a1`,
  streamVersion: 0,
  globalPosition: 1,
  eventId: 'e',
  schemaVersion: 1,
  recordedAt: '',
  hash: '',
  metadata: { actor: 'coach-1', role: 'coach', municipality: 'neuss', correlationId: 'c', causationId: null, occurredAt: '' },
});
const reserved = (pathwayId: string, plannedStart: string) =>
  stored('PathwayReserved', {
    pathwayId,
    kind: 'coaching',
    jurisdiction: 'state',
    plannedStart,
    plannedEnd: '2026-12-31',
    eligibilityVersion: 'nrw-2026.1',
    flags: [],
    reservedAt: '',
  });

const given = (...events: StoredEvent[]): CareerDocument | undefined =>
  events.reduce<CareerDocument | undefined>((doc, e) => careersProjection.apply(doc, e), undefined);

describe('the careers projection', () => {
  it('keeps one document per registration, with the municipality that decides who may read it', () => {
    expect(careersProjection.documentId(reserved('p1', '2026-01-01'))).toBe('a1');
    const registered = stored('ParticipantRegistered', { municipality: 'neuss', residenceStatus: 'duldung', personalData: 'sealed-name' });
    expect(given(registered)).toEqual({
      participantId: 'a1',
      municipality: 'neuss',
      personalData: 'sealed-name',
      pathways: [],
      overrides: [],
      caseConferences: [],
      mergedFrom: [],
    });
    expect(given(registered, stored('PersonalDataErased', { erasedAt: '' }))).toMatchObject({ municipality: 'neuss', personalData: null });
  });

  it('lists pathways by planned start, drops released reservations and records ends', () => {
    const career = given(
      stored('ParticipantRegistered', { municipality: 'neuss' }),
      reserved('late', '2026-06-01'),
      reserved('early', '2026-01-01'),
      reserved('released', '2026-03-01'),
      stored('ReservationReleased', { pathwayId: 'released', releasedAt: '' }),
      stored('PathwayEndRecorded', { pathwayId: 'early', status: 'aborted', outcome: 'dropped_out', endedOn: '2026-02-01' }),
    );
    expect(career!.pathways.map((p) => [p.pathwayId, p.status])).toEqual([
      ['early', 'aborted'],
      ['late', 'active'],
    ]);
    expect(career!.pathways[0]).toMatchObject({ outcome: 'dropped_out', endedOn: '2026-02-01' });
  });

  it('takes in the pathways and case conferences of a merged registration', () => {
    const career = given(
      reserved('own', '2026-04-01'),
      stored('LedgerMerged', {
        fromParticipantId: 'a2',
        pathways: [
          {
            pathwayId: 'theirs',
            kind: 'language_support',
            jurisdiction: 'sgb3',
            plannedStart: '2026-01-01',
            plannedEnd: '2026-03-31',
            status: 'completed',
          },
        ],
        caseConferences: [{ stepId: 's', heldOn: '2026-02-01' }],
      }),
    );
    expect(career).toMatchObject({ mergedFrom: ['a2'], caseConferences: ['2026-02-01'] });
    expect(career!.pathways.map((p) => p.pathwayId)).toEqual(['theirs', 'own']);
  });
});
