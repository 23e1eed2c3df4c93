import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import { ReadModels } from '../../read-models';
import { OfferDocument, offersProjection } from './offers.projection';
import { OfferView } from './offer.response';
import { offerView } from './offer-view';

export class GetOffer {
  constructor(
    readonly user: AuthenticatedUser,
    readonly offerId: string,
    readonly day: string,
    readonly minPosition?: number,
  ) {}
}

/** One offer with its places on a day, from the catalogue. */
@QueryHandler(GetOffer)
export class GetOfferHandler implements IQueryHandler<GetOffer, OfferView> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ user, offerId, day, minPosition }: GetOffer): Promise<OfferView> {
    const doc = await this.readModels.get<OfferDocument>(offersProjection.name, offerId, minPosition);
    if (!doc) throw new DomainError('offer_not_found', `no offer ${offerId}`);
    assertSameMunicipality(user, doc.municipality);
    return offerView(doc, day);
  }
}
