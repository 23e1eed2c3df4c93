import { isOpenOn, placesOn } from '@lotse/domain';
import { OfferDocument } from './offers.projection';
import { OfferView } from './offer.response';

/** Places held on `day`: taken by then and not yet given back (a place given back is free from that day). */
export const occupiedOn = (doc: OfferDocument, day: string): number =>
  doc.takes.filter((t) => t.takenOn <= day && (t.releasedOn === undefined || t.releasedOn > day)).length;

/** An offer as the catalogue shows it on `day`; which pathways hold its places stays out. */
export const offerView = (doc: OfferDocument, day: string): OfferView => {
  const { takes: _takes, places: _published, ...offer } = doc;
  const places = placesOn(doc, day);
  const occupied = occupiedOn(doc, day);
  return { ...offer, asOf: day, open: isOpenOn(doc, day), places, occupied, free: Math.max(0, places - occupied) };
};
