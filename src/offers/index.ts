// The offers context's public surface.
export { OffersModule } from './offers.module';
export { OfferPlaces } from './offer-places';
export { OfferAccess } from './offer-access';
export type { PlaceRequest } from './offer-places';
export { offersProjection } from './catalogue/offers.projection';
export type { OfferDocument } from './catalogue/offers.projection';
