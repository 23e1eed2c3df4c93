import { Command, dayOf } from '../kernel/command';
import { Decider, unreachable } from '../kernel/decider';
import { DomainError } from '../kernel/domain-error';
import { Event, isEventOf } from '../kernel/event';
import { isCalendarDate } from '../guard/dates';
import { Jurisdiction, PathwayKind, ResidenceStatus } from '../kernel/vocabulary';
import { isOpenOn, OfferCalendar, OfferPeriod, placesOn } from './offer-calendar';
import { LanguageCode } from './iso-639-1';

/*
 * An offer (Angebot): a course, coaching places or a school-certificate class a provider runs in a
 * municipality. Its stream `offer-<offerId>` also holds the places pathways have taken, so "no more
 * pathways than places" is an invariant of one stream under optimistic concurrency: two openings
 * racing for the last place cannot both append, on any event store. Offers carry no personal data:
 * title, description and the reason for closing are the provider's public texts, a taken place
 * names only the pathway.
 */

export const offerStreamId = (offerId: string): string => `offer-${offerId}`;

/** What the provider publishes; the same shape in the command and the event. */
export type OfferDetails = {
  offerId: string;
  municipality: string;
  title: string;
  provider: string;
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  places: number;
  /** Who may join as of right. */
  openTo: ResidenceStatus[];
  /** Who may join by a case-by-case decision (Möglichkeiten der Öffnung): a coordinator's override of `not_eligible`. */
  openingPossible: ResidenceStatus[];
  period: OfferPeriod;
  languages: LanguageCode[];
  description?: string;
};

/** Why a place was given back: its pathway ended, or the pathway was never opened. */
export type PlaceReleaseReason = 'pathway_ended' | 'opening_failed';

// Events: stored for good, so their type names and data never change shape.
export type OfferPublished = Event<'OfferPublished', OfferDetails & { publishedAt: string }>;
export type OfferPlacesChanged = Event<'OfferPlacesChanged', { offerId: string; places: number; changedOn: string }>;
export type OfferClosed = Event<'OfferClosed', { offerId: string; closedOn: string; reason: string }>;
export type PlaceTaken = Event<
  'PlaceTaken',
  {
    offerId: string;
    pathwayId: string;
    takenAt: string;
    /** The override of `not_eligible` that let a status of `openingPossible` in. */
    overrideId?: string;
  }
>;
export type PlaceReleased = Event<'PlaceReleased', { offerId: string; pathwayId: string; releasedOn: string; reason: PlaceReleaseReason }>;
export type OfferEvent = OfferPublished | OfferPlacesChanged | OfferClosed | PlaceTaken | PlaceReleased;

export const isOfferEvent = isEventOf<OfferEvent>({
  OfferPublished: true,
  OfferPlacesChanged: true,
  OfferClosed: true,
  PlaceTaken: true,
  PlaceReleased: true,
});

export type PublishedOfferState = OfferCalendar &
  Omit<OfferDetails, 'period' | 'places'> & {
    status: 'published';
    /** Pathways holding a place now. */
    held: readonly string[];
  };

export type Offer = { status: 'none' } | PublishedOfferState;

export const initialOffer: Offer = { status: 'none' };

const published = (state: Offer): PublishedOfferState => {
  if (state.status === 'none') throw new DomainError('offer_not_found', 'no such offer');
  return state;
};

export const evolve = (state: Offer, event: OfferEvent): Offer => {
  if (event.type === 'OfferPublished') {
    const { publishedAt: _at, ...details } = event.data;
    return { status: 'published', ...details, placeChanges: [], held: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'OfferPlacesChanged':
      return { ...state, placeChanges: [...state.placeChanges, { places: event.data.places, changedOn: event.data.changedOn }] };
    case 'OfferClosed':
      return { ...state, closedOn: event.data.closedOn };
    case 'PlaceTaken':
      return { ...state, held: [...state.held, event.data.pathwayId] };
    case 'PlaceReleased':
      return { ...state, held: state.held.filter((id) => id !== event.data.pathwayId) };
    default:
      return unreachable(event);
  }
};

// Commands.
export type PublishOffer = Command<'PublishOffer', OfferDetails>;
export type ChangeOfferPlaces = Command<'ChangeOfferPlaces', { places: number; changedOn: string }>;
export type CloseOffer = Command<'CloseOffer', { closedOn: string; reason: string }>;
export type TakePlace = Command<
  'TakePlace',
  {
    pathwayId: string;
    municipality: string;
    kind: PathwayKind;
    jurisdiction: Jurisdiction;
    plannedStart: string;
    residenceStatus: ResidenceStatus;
    /** A coordinator's override of `not_eligible` valid for this pathway, if the participant has one. */
    notEligibleOverrideId?: string;
  }
>;
export type ReleasePlace = Command<'ReleasePlace', { pathwayId: string; releasedOn: string; reason: PlaceReleaseReason }>;
export type OfferCommand = PublishOffer | ChangeOfferPlaces | CloseOffer | TakePlace | ReleasePlace;

const invalid = (message: string): DomainError => new DomainError('validation_failed', message);

const assertPlaces = (places: number) => {
  if (!Number.isInteger(places) || places < 0) throw invalid(`places must be a whole number of 0 or more, not ${places}`);
};

const assertDate = (name: string, value: unknown) => {
  if (!isCalendarDate(value)) throw invalid(`${name} must be a calendar date as YYYY-MM-DD, not ${JSON.stringify(value)}`);
};

const publishOffer = ({ data, metadata }: PublishOffer, state: Offer): OfferEvent[] => {
  if (state.status !== 'none') throw new DomainError('offer_exists', `offer ${data.offerId} is already published`);
  assertPlaces(data.places);
  if (data.openTo.length === 0) throw invalid('openTo must name at least one residence status');
  const both = data.openingPossible.filter((status) => data.openTo.includes(status));
  if (both.length > 0) throw invalid(`${both.join(', ')} cannot be both open as of right and open by a case-by-case decision`);
  assertDate('period.from', data.period.from);
  if (data.period.to !== undefined) assertDate('period.to', data.period.to);
  if (data.period.to !== undefined && data.period.to < data.period.from)
    throw invalid(`period ends on ${data.period.to}, before it starts on ${data.period.from}`);
  return [{ type: 'OfferPublished', data: { ...data, publishedAt: metadata.now } }];
};

const changeOfferPlaces = ({ data }: ChangeOfferPlaces, state: Offer): OfferEvent[] => {
  const offer = published(state);
  if (offer.closedOn !== undefined) throw new DomainError('offer_closed', `the offer closed on ${offer.closedOn}`);
  assertPlaces(data.places);
  assertDate('changedOn', data.changedOn);
  return [{ type: 'OfferPlacesChanged', data: { offerId: offer.offerId, places: data.places, changedOn: data.changedOn } }];
};

const closeOffer = ({ data }: CloseOffer, state: Offer): OfferEvent[] => {
  const offer = published(state);
  if (offer.closedOn !== undefined) throw new DomainError('offer_closed', `the offer already closed on ${offer.closedOn}`);
  assertDate('closedOn', data.closedOn);
  return [{ type: 'OfferClosed', data: { offerId: offer.offerId, closedOn: data.closedOn, reason: data.reason } }];
};

/** The checks in the order a coach can act on them: the wrong offer, then the wrong person, then no room. */
const takePlace = ({ data: d, metadata }: TakePlace, state: Offer): OfferEvent[] => {
  const offer = published(state);
  // A retried opening (same idempotency key, same pathway id) finds its own place.
  if (offer.held.includes(d.pathwayId)) return [];
  if (!isOpenOn(offer, d.plannedStart)) {
    throw new DomainError('offer_closed', `the offer is not open on ${d.plannedStart}`, {
      period: offer.period,
      ...(offer.closedOn ? { closedOn: offer.closedOn } : {}),
    });
  }
  if (offer.kind !== d.kind || offer.jurisdiction !== d.jurisdiction || offer.municipality !== d.municipality) {
    throw new DomainError(
      'offer_mismatch',
      `the offer is ${offer.kind} under ${offer.jurisdiction} in ${offer.municipality}, ` +
        `the pathway ${d.kind} under ${d.jurisdiction} in ${d.municipality}`,
    );
  }
  const byOpening = !offer.openTo.includes(d.residenceStatus);
  if (byOpening && !(offer.openingPossible.includes(d.residenceStatus) && d.notEligibleOverrideId)) {
    throw new DomainError(
      'offer_not_open_to_status',
      offer.openingPossible.includes(d.residenceStatus)
        ? `the offer is open to ${d.residenceStatus} only by a case-by-case decision: a coordinator's override of not_eligible`
        : `the offer is not open to ${d.residenceStatus}`,
      { openTo: offer.openTo, openingPossible: offer.openingPossible },
    );
  }
  const places = placesOn(offer, d.plannedStart);
  if (offer.held.length >= places)
    throw new DomainError('offer_full', `all ${places} places are taken`, { places, occupied: offer.held.length });
  return [
    {
      type: 'PlaceTaken',
      data: {
        offerId: offer.offerId,
        pathwayId: d.pathwayId,
        takenAt: metadata.now,
        ...(byOpening ? { overrideId: d.notEligibleOverrideId } : {}),
      },
    },
  ];
};

const releasePlace = ({ data, metadata }: ReleasePlace, state: Offer): OfferEvent[] => {
  const offer = published(state);
  // Released already, or never taken: the follow-up that frees a place may run more than once.
  if (!offer.held.includes(data.pathwayId)) return [];
  assertDate('releasedOn', data.releasedOn);
  return [
    {
      type: 'PlaceReleased',
      data: {
        offerId: offer.offerId,
        pathwayId: data.pathwayId,
        releasedOn: data.releasedOn <= dayOf(metadata.now) ? data.releasedOn : dayOf(metadata.now),
        reason: data.reason,
      },
    },
  ];
};

export const decide = (command: OfferCommand, state: Offer): OfferEvent[] => {
  switch (command.type) {
    case 'PublishOffer':
      return publishOffer(command, state);
    case 'ChangeOfferPlaces':
      return changeOfferPlaces(command, state);
    case 'CloseOffer':
      return closeOffer(command, state);
    case 'TakePlace':
      return takePlace(command, state);
    case 'ReleasePlace':
      return releasePlace(command, state);
    default:
      return unreachable(command);
  }
};

export const offerDecider: Decider<OfferCommand, OfferEvent, Offer> = { decide, evolve, initialState: initialOffer, isEvent: isOfferEvent };
