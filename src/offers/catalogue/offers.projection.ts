import {
  Jurisdiction,
  LanguageCode,
  OfferEvent,
  OfferPeriod,
  PathwayKind,
  PlacesChange,
  ResidenceStatus,
  unreachable,
} from '@lotse/domain';
import { defineProjection } from '@lotse/projections';

/** A place as the catalogue counts it: taken on a day, given back on a day. */
export interface TakenPlace {
  pathwayId: string;
  takenOn: string;
  releasedOn?: string;
}

/** One offer of the catalogue, with every place it gave, so that its occupancy can be told for any day. */
export interface OfferDocument {
  id: string;
  municipality: string;
  title: string;
  provider: string;
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  places: number;
  placeChanges: PlacesChange[];
  openTo: ResidenceStatus[];
  openingPossible: ResidenceStatus[];
  period: OfferPeriod;
  languages: LanguageCode[];
  description?: string;
  publishedAt: string;
  closedOn?: string;
  closeReason?: string;
  takes: TakenPlace[];
  version: number;
}

/** The offer catalogue behind GET /offers and GET /offers/:id. */
export const offersProjection = defineProjection<OfferEvent, OfferDocument>({
  name: 'offers',
  handles: ['OfferPublished', 'OfferPlacesChanged', 'OfferClosed', 'PlaceTaken', 'PlaceReleased'],
  documentId: (event) => event.data.offerId,
  indexes: [['municipality', 'kind', 'jurisdiction']],
  apply: (doc, event) => {
    const version = event.streamVersion;
    if (event.type === 'OfferPublished') {
      const { offerId, ...details } = event.data;
      return { id: offerId, ...details, placeChanges: [], takes: [], version };
    }
    if (!doc) return doc;
    switch (event.type) {
      case 'OfferPlacesChanged':
        return { ...doc, version, placeChanges: [...doc.placeChanges, { places: event.data.places, changedOn: event.data.changedOn }] };
      case 'OfferClosed':
        return { ...doc, version, closedOn: event.data.closedOn, closeReason: event.data.reason };
      case 'PlaceTaken':
        return { ...doc, version, takes: [...doc.takes, { pathwayId: event.data.pathwayId, takenOn: event.data.takenAt.slice(0, 10) }] };
      case 'PlaceReleased': {
        const { pathwayId, releasedOn } = event.data;
        // The last take of this pathway: a retried opening may have taken and given back before.
        const index = doc.takes.findLastIndex((t) => t.pathwayId === pathwayId && t.releasedOn === undefined);
        if (index < 0) return { ...doc, version };
        return { ...doc, version, takes: doc.takes.map((t, i) => (i === index ? { ...t, releasedOn } : t)) };
      }
      default:
        return unreachable(event);
    }
  },
});
