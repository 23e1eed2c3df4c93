import { DeciderSpecification } from '../testing/decider-specification';
import { OfferCommand, offerDecider, OfferDetails, OfferEvent, TakePlace } from './offer.decider';

const given = DeciderSpecification.for(offerDecider);
const now = '2026-03-10T12:00:00.000Z';
const metadata = { now, actor: 'coordinator-1' };

const details: OfferDetails = {
  offerId: 'o-1',
  municipality: 'neuss',
  title: 'Berufssprachkurs B1',
  provider: 'VHS Neuss',
  kind: 'language_support',
  jurisdiction: 'state',
  places: 2,
  openTo: ['aufenthaltserlaubnis', 'german'],
  openingPossible: ['duldung'],
  period: { from: '2026-03-01', to: '2026-12-31' },
  languages: ['de', 'ar'],
};
const publishedEvent: OfferEvent = { type: 'OfferPublished', data: { ...details, publishedAt: '2026-02-01T08:00:00.000Z' } };
const taken = (pathwayId: string): OfferEvent => ({
  type: 'PlaceTaken',
  data: { offerId: 'o-1', pathwayId, takenAt: '2026-03-02T08:00:00.000Z' },
});
const released = (pathwayId: string): OfferEvent => ({
  type: 'PlaceReleased',
  data: { offerId: 'o-1', pathwayId, releasedOn: '2026-03-05', reason: 'pathway_ended' },
});
const placesChanged = (places: number, changedOn: string): OfferEvent => ({
  type: 'OfferPlacesChanged',
  data: { offerId: 'o-1', places, changedOn },
});
const closed: OfferEvent = { type: 'OfferClosed', data: { offerId: 'o-1', closedOn: '2026-06-01', reason: 'Funding ended.' } };

const publish = (overrides: Partial<OfferDetails> = {}): OfferCommand => ({
  type: 'PublishOffer',
  metadata,
  data: { ...details, ...overrides },
});
const take = (overrides: Partial<TakePlace['data']> = {}): OfferCommand => ({
  type: 'TakePlace',
  metadata,
  data: {
    pathwayId: 'p-1',
    municipality: 'neuss',
    kind: 'language_support',
    jurisdiction: 'state',
    plannedStart: '2026-04-01',
    residenceStatus: 'aufenthaltserlaubnis',
    ...overrides,
  },
});
const release = (pathwayId: string, reason: 'pathway_ended' | 'opening_failed' = 'pathway_ended'): OfferCommand => ({
  type: 'ReleasePlace',
  metadata,
  data: { pathwayId, releasedOn: '2026-03-05', reason },
});
const tookPlace = (pathwayId: string, overrideId?: string): OfferEvent[] => [
  { type: 'PlaceTaken', data: { offerId: 'o-1', pathwayId, takenAt: now, ...(overrideId ? { overrideId } : {}) } },
];

describe('offer decider', () => {
  describe('publish', () => {
    it('publishes an offer with its places and who may join', () =>
      given([])
        .when(publish())
        .then([{ type: 'OfferPublished', data: { ...details, publishedAt: now } }]));
    it('refuses to publish twice', () => given([publishedEvent]).when(publish()).thenThrows('offer_exists'));
    it.each([[-1], [1.5], [Number.NaN]])('refuses %p places', (places) =>
      given([]).when(publish({ places })).thenThrows('validation_failed'),
    );
    it('refuses an offer open to nobody', () =>
      given([])
        .when(publish({ openTo: [] }))
        .thenThrows('validation_failed'));
    it('refuses a status both open as of right and by decision', () =>
      given([])
        .when(publish({ openingPossible: ['german'] }))
        .thenThrows('validation_failed'));
    it('refuses a period that ends before it starts', () =>
      given([])
        .when(publish({ period: { from: '2026-03-01', to: '2026-02-28' } }))
        .thenThrows('validation_failed'));
    it('refuses a day that does not exist', () =>
      given([])
        .when(publish({ period: { from: '2026-02-30' } }))
        .thenThrows('validation_failed'));
    it('refuses a period without a first day', () =>
      given([])
        .when(publish({ period: {} as OfferDetails['period'] }))
        .thenThrows('validation_failed'));
  });

  describe('change places and close', () => {
    it('changes the places from a day on', () =>
      given([publishedEvent])
        .when({ type: 'ChangeOfferPlaces', metadata, data: { places: 5, changedOn: '2026-05-01' } })
        .then([placesChanged(5, '2026-05-01')]));
    it('refuses negative places', () =>
      given([publishedEvent])
        .when({ type: 'ChangeOfferPlaces', metadata, data: { places: -2, changedOn: '2026-05-01' } })
        .thenThrows('validation_failed'));
    it('refuses changes to an offer that does not exist', () =>
      given([])
        .when({ type: 'ChangeOfferPlaces', metadata, data: { places: 5, changedOn: '2026-05-01' } })
        .thenThrows('offer_not_found'));
    it('closes with a reason', () =>
      given([publishedEvent])
        .when({ type: 'CloseOffer', metadata, data: { closedOn: '2026-06-01', reason: 'Funding ended.' } })
        .then([closed]));
    it('refuses to close twice', () =>
      given([publishedEvent, closed])
        .when({ type: 'CloseOffer', metadata, data: { closedOn: '2026-07-01', reason: 'Again.' } })
        .thenThrows('offer_closed'));
    it('refuses to change the places of a closed offer', () =>
      given([publishedEvent, closed])
        .when({ type: 'ChangeOfferPlaces', metadata, data: { places: 5, changedOn: '2026-05-01' } })
        .thenThrows('offer_closed'));
  });

  describe('take a place', () => {
    it('gives a place to a pathway of the same kind and jurisdiction that starts while the offer runs', () =>
      given([publishedEvent]).when(take()).then(tookPlace('p-1')));
    it('gives the same pathway its place once only', () =>
      given([publishedEvent, taken('p-1')])
        .when(take())
        .then([]));
    it.each([
      ['before the offer starts', '2026-02-28'],
      ['after it ends', '2027-01-01'],
    ])('refuses a start %s', (_, plannedStart) => given([publishedEvent]).when(take({ plannedStart })).thenThrows('offer_closed'));
    it('refuses a start on or after the day the offer closed', () =>
      given([publishedEvent, closed])
        .when(take({ plannedStart: '2026-06-01' }))
        .thenThrows('offer_closed'));
    it('takes a start before the day the offer closed', () =>
      given([publishedEvent, closed])
        .when(take({ plannedStart: '2026-05-31' }))
        .then(tookPlace('p-1')));
    it.each([[{ kind: 'coaching' as const }], [{ jurisdiction: 'sgb3' as const }], [{ municipality: 'dormagen' }]])(
      'refuses a pathway that does not match: %p',
      (mismatch) => given([publishedEvent]).when(take(mismatch)).thenThrows('offer_mismatch'),
    );
    it('refuses a residence status the offer is not open to', () =>
      given([publishedEvent])
        .when(take({ residenceStatus: 'gestattung', notEligibleOverrideId: 'ov-1' }))
        .thenThrows('offer_not_open_to_status'));
    it('refuses a status open only by a case-by-case decision without one', () =>
      given([publishedEvent])
        .when(take({ residenceStatus: 'duldung' }))
        .thenThrows('offer_not_open_to_status'));
    it('takes a status open by a case-by-case decision with a coordinator’s override, and records which', () =>
      given([publishedEvent])
        .when(take({ residenceStatus: 'duldung', notEligibleOverrideId: 'ov-1' }))
        .then(tookPlace('p-1', 'ov-1')));
    it('refuses a pathway when every place is taken', () =>
      given([publishedEvent, taken('p-2'), taken('p-3')])
        .when(take())
        .thenThrows('offer_full'));
    it('gives a place freed by a pathway that ended', () =>
      given([publishedEvent, taken('p-2'), taken('p-3'), released('p-2')])
        .when(take())
        .then(tookPlace('p-1')));
    it('counts the places in force on the planned start', () => {
      const history = [publishedEvent, taken('p-2'), taken('p-3'), placesChanged(3, '2026-05-01')];
      given(history)
        .when(take({ plannedStart: '2026-04-30' }))
        .thenThrows('offer_full');
      given(history)
        .when(take({ plannedStart: '2026-05-01' }))
        .then(tookPlace('p-1'));
    });
    it('refuses a place in an offer that does not exist', () => given([]).when(take()).thenThrows('offer_not_found'));
  });

  describe('release a place', () => {
    it('frees the place of a pathway', () =>
      given([publishedEvent, taken('p-1')])
        .when(release('p-1'))
        .then([released('p-1')]));
    it('frees it once only, and changes nothing for a pathway that held none', () => {
      given([publishedEvent, taken('p-1'), released('p-1')])
        .when(release('p-1'))
        .then([]);
      given([publishedEvent]).when(release('p-9', 'opening_failed')).then([]);
    });
    it('never dates a release after today', () =>
      given([publishedEvent, taken('p-1')])
        .when({ type: 'ReleasePlace', metadata, data: { pathwayId: 'p-1', releasedOn: '2026-04-01', reason: 'opening_failed' } })
        .then([{ type: 'PlaceReleased', data: { offerId: 'o-1', pathwayId: 'p-1', releasedOn: '2026-03-10', reason: 'opening_failed' } }]));
  });
});
