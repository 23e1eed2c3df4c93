import type { StoredEvent } from '@lotse/event-store';
import { offerView } from './offer-view';
import { OfferDocument, offersProjection } from './offers.projection';

let version = -1;
const stored = (type: string, data: Record<string, unknown>): StoredEvent => {
  version += 1;
  return {
    type,
    data: { offerId: 'o1', ...data },
    streamId: 'offer-o1',
    streamVersion: version,
    globalPosition: 100 + version,
    eventId: `e${version}`,
    schemaVersion: 1,
    recordedAt: '2026-03-01T09:00:00.000Z',
    hash: '',
    metadata: { actor: 'coordinator-1', role: 'coordinator', municipality: 'neuss', correlationId: 'c', causationId: null, occurredAt: '' },
  };
};
const published = () =>
  stored('OfferPublished', {
    municipality: 'neuss',
    title: 'B1 course',
    provider: 'VHS Neuss',
    kind: 'language_support',
    jurisdiction: 'state',
    places: 2,
    openTo: ['gestattung'],
    openingPossible: [],
    period: { from: '2026-01-01', to: '2026-12-31' },
    languages: ['de'],
    publishedAt: '2025-12-01T08:00:00.000Z',
  });
const taken = (pathwayId: string, takenAt: string) => stored('PlaceTaken', { pathwayId, takenAt });
const released = (pathwayId: string, releasedOn: string) => stored('PlaceReleased', { pathwayId, releasedOn, reason: 'pathway_ended' });

const given = (...events: StoredEvent[]): OfferDocument | undefined =>
  events.reduce<OfferDocument | undefined>((doc, e) => offersProjection.apply(doc, e), undefined);

describe('the offers projection', () => {
  beforeEach(() => {
    version = -1;
  });

  it('counts a place as occupied from the day it was taken until the day it was given back', () => {
    const doc = given(
      published(),
      taken('p1', '2026-02-01T10:00:00.000Z'),
      taken('p2', '2026-03-01T10:00:00.000Z'),
      released('p1', '2026-04-01'),
    )!;
    const occupiedOn = (day: string) => offerView(doc, day).occupied;
    expect(['2026-01-31', '2026-02-01', '2026-03-01', '2026-03-31', '2026-04-01'].map(occupiedOn)).toEqual([0, 1, 2, 2, 1]);
    expect(offerView(doc, '2026-03-15')).toMatchObject({ places: 2, occupied: 2, free: 0, open: true, version: 3 });
    expect(offerView(doc, '2026-03-15')).not.toHaveProperty('takes');
  });

  it('shows the places in force on the day, never fewer free than none, and the offer closed from its closing day', () => {
    const doc = given(
      published(),
      taken('p1', '2026-02-01T10:00:00.000Z'),
      taken('p2', '2026-02-01T11:00:00.000Z'),
      stored('OfferPlacesChanged', { places: 1, changedOn: '2026-05-01' }),
      stored('OfferClosed', { closedOn: '2026-09-01', reason: 'Funding ended.' }),
    )!;
    expect(offerView(doc, '2026-04-30')).toMatchObject({ places: 2, free: 0, open: true });
    expect(offerView(doc, '2026-05-01')).toMatchObject({ places: 1, occupied: 2, free: 0 });
    expect(offerView(doc, '2026-09-01')).toMatchObject({ open: false, closedOn: '2026-09-01', closeReason: 'Funding ended.' });
  });

  it('gives back the latest place of a pathway that took one again after a failed opening', () => {
    const doc = given(
      published(),
      taken('p1', '2026-02-01T10:00:00.000Z'),
      released('p1', '2026-02-01'),
      taken('p1', '2026-02-02T10:00:00.000Z'),
      released('p1', '2026-03-01'),
    )!;
    expect(doc.takes).toEqual([
      { pathwayId: 'p1', takenOn: '2026-02-01', releasedOn: '2026-02-01' },
      { pathwayId: 'p1', takenOn: '2026-02-02', releasedOn: '2026-03-01' },
    ]);
  });

  it('never changes the document it is given, and ignores an offer it never saw published', () => {
    const before = given(published(), taken('p1', '2026-02-01T10:00:00.000Z'))!;
    const frozen = JSON.stringify(before);
    offersProjection.apply(before, released('p1', '2026-03-01'));
    expect(JSON.stringify(before)).toBe(frozen);
    expect(given(taken('p1', '2026-02-01T10:00:00.000Z'))).toBeUndefined();
  });
});
