import type { StoredEvent } from '@lotse/event-store';
import { careerView } from './career.view';
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
      conflicts: [],
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
        overrides: [{ overrideId: 'o2', rule: 'not_eligible', validUntil: '2026-12-31' }],
        overlaps: [],
      }),
    );
    expect(career).toMatchObject({
      mergedFrom: ['a2'],
      caseConferences: ['2026-02-01'],
      overrides: [{ overrideId: 'o2', rule: 'not_eligible', validUntil: '2026-12-31' }],
    });
    expect(career!.pathways.map((p) => p.pathwayId)).toEqual(['theirs', 'own']);
  });

  it('marks an override used by the pathway it let through, gives it back when that reservation is released, and dates its expiry', () => {
    const grant = (overrideId: string, validUntil: string) =>
      stored('OverrideGranted', {
        overrideId,
        rule: 'subsidiarity',
        validUntil,
        reason: 'sealed',
        grantedBy: 'coordinator-1',
        grantedAt: '',
      });
    const through = stored('PathwayReserved', {
      pathwayId: 'p1',
      kind: 'coaching',
      jurisdiction: 'state',
      plannedStart: '2026-01-01',
      plannedEnd: '2026-06-30',
      eligibilityVersion: 'nrw-2026.1',
      flags: [{ rule: 'subsidiarity', overridden: true, overrideId: 'o1' }],
      reservedAt: '',
    });
    const statuses = (doc: CareerDocument | undefined, today: string) =>
      careerView(doc!, today).overrides.map((o) => [o.overrideId, o.status, o.usedBy]);

    const used = given(grant('o1', '2026-12-31'), grant('o2', '2026-03-31'), through);
    expect(statuses(used, '2026-03-31')).toEqual([
      ['o1', 'used', 'p1'],
      ['o2', 'open', undefined],
    ]);
    expect(statuses(used, '2026-04-01')).toEqual([
      ['o1', 'used', 'p1'],
      ['o2', 'expired', undefined],
    ]);
    const released = given(grant('o1', '2026-12-31'), through, stored('ReservationReleased', { pathwayId: 'p1', releasedAt: '' }));
    expect(statuses(released, '2026-03-31')).toEqual([['o1', 'open', undefined]]);
  });

  it('flags the duplicate pathways a merge found, lists them as open conflicts until one of a pair ends, and keeps the flags', () => {
    const merge = stored('LedgerMerged', {
      fromParticipantId: 'a2',
      mergedAt: '2026-04-01T10:00:00.000Z',
      caseConferences: [],
      overrides: [],
      pathways: [
        {
          pathwayId: 'theirs',
          kind: 'coaching',
          jurisdiction: 'sgb3',
          plannedStart: '2026-03-01',
          plannedEnd: '2026-08-31',
          status: 'active',
        },
      ],
      overlaps: [{ pathwayId: 'theirs', overlapsPathwayId: 'own' }],
    });
    const merged = given(stored('ParticipantRegistered', { municipality: 'neuss' }), reserved('own', '2026-01-01'), merge);
    const conflict = {
      rule: 'duplicate_pathway',
      kind: 'coaching',
      pathwayId: 'theirs',
      overlapsPathwayId: 'own',
      foundAt: '2026-04-01T10:00:00.000Z',
    };
    expect(merged).toMatchObject({ openConflicts: 'yes', conflicts: [conflict] });
    expect(merged!.pathways.map((p) => [p.pathwayId, p.flags])).toEqual([
      ['own', [{ rule: 'duplicate_pathway', overlapsPathwayId: 'theirs', foundAt: '2026-04-01T10:00:00.000Z' }]],
      ['theirs', [{ rule: 'duplicate_pathway', overlapsPathwayId: 'own', foundAt: '2026-04-01T10:00:00.000Z' }]],
    ]);

    const settled = given(
      stored('ParticipantRegistered', { municipality: 'neuss' }),
      reserved('own', '2026-01-01'),
      merge,
      stored('PathwayEndRecorded', { pathwayId: 'own', status: 'completed', outcome: 'employment', endedOn: '2026-04-15' }),
    );
    expect(settled!.conflicts).toEqual([]);
    expect(settled!.openConflicts).toBeUndefined();
    expect(settled!.pathways.every((p) => p.flags.length === 1)).toBe(true);
  });
});
