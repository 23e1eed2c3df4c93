import { Module } from '@nestjs/common';
import { EventSourcingModule } from '../event-sourcing';
import { GetOfferHandler } from './catalogue/get-offer.handler';
import { ListOffersHandler } from './catalogue/list-offers.handler';
import { OffersRoute } from './catalogue/offers.route';
import { ChangeOfferPlacesHandler } from './change-offer-places/change-offer-places.handler';
import { ChangeOfferPlacesRoute } from './change-offer-places/change-offer-places.route';
import { CloseOfferHandler } from './close-offer/close-offer.handler';
import { CloseOfferRoute } from './close-offer/close-offer.route';
import { OfferAccess } from './offer-access';
import { OfferPlaces } from './offer-places';
import { PublishOfferHandler } from './publish-offer/publish-offer.handler';
import { PublishOfferRoute } from './publish-offer/publish-offer.route';

/** Offers (Angebote): the catalogue of a municipality and the places pathways take in them. */
@Module({
  imports: [EventSourcingModule],
  controllers: [PublishOfferRoute, OffersRoute, ChangeOfferPlacesRoute, CloseOfferRoute],
  providers: [
    OfferAccess,
    OfferPlaces,
    PublishOfferHandler,
    ChangeOfferPlacesHandler,
    CloseOfferHandler,
    ListOffersHandler,
    GetOfferHandler,
  ],
  exports: [OfferPlaces],
})
export class OffersModule {}
