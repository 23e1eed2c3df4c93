/**
 * When an offer runs and how many places it has on a given day: the same answer for the decider
 * that hands out places and for the catalogue that shows them.
 */
export type OfferPeriod = {
  from: string;
  /** Last day; open-ended when absent. */
  to?: string;
};

/** A provider's change of the number of places, in force from `changedOn`. */
export type PlacesChange = {
  places: number;
  changedOn: string;
};

export interface OfferCalendar {
  period: OfferPeriod;
  places: number;
  placeChanges: readonly PlacesChange[];
  /** The first day the offer no longer runs. */
  closedOn?: string;
}

export const isOpenOn = (offer: OfferCalendar, day: string): boolean =>
  offer.period.from <= day &&
  (offer.period.to === undefined || day <= offer.period.to) &&
  (offer.closedOn === undefined || day < offer.closedOn);

/** The places in force on `day`: the last change made in force by then (of two on one day, the later one), else the places published. */
export const placesOn = (offer: OfferCalendar, day: string): number => {
  let places = offer.places;
  let since = '';
  for (const change of offer.placeChanges) {
    if (change.changedOn <= day && change.changedOn >= since) {
      places = change.places;
      since = change.changedOn;
    }
  }
  return places;
};
