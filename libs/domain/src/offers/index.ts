export { offerDecider, offerStreamId, isOfferEvent } from './offer.decider';
export type {
  Offer,
  PublishedOfferState,
  OfferDetails,
  OfferEvent,
  OfferCommand,
  PlaceReleaseReason,
  OfferPublished,
  OfferPlacesChanged,
  OfferClosed,
  PlaceTaken,
  PlaceReleased,
  PublishOffer,
  ChangeOfferPlaces,
  CloseOffer,
  TakePlace,
  ReleasePlace,
} from './offer.decider';
export { isOpenOn, placesOn } from './offer-calendar';
export type { OfferCalendar, OfferPeriod, PlacesChange } from './offer-calendar';
export { ISO_639_1_CODES } from './iso-639-1';
export type { LanguageCode } from './iso-639-1';
