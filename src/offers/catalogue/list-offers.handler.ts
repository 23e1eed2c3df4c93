import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import { ReadModels } from '../../read-models';
import { OfferDocument, offersProjection } from './offers.projection';
import { OfferPage } from './offer.response';
import { offerView } from './offer-view';
import { ListOffersQuery } from './list-offers.query';

export class ListOffers {
  constructor(
    readonly user: AuthenticatedUser,
    readonly query: ListOffersQuery,
    readonly now: Date,
  ) {}
}

/**
 * A municipality's offer catalogue. Municipality, kind and jurisdiction are filtered in the read
 * model; the day and the residence status are not plain fields (a period, lists, places that
 * depend on the day), so they are filtered here. A municipality runs tens to a few hundred
 * offers, not the hundreds of thousands of a caseload.
 */
@QueryHandler(ListOffers)
export class ListOffersHandler implements IQueryHandler<ListOffers, OfferPage> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ user, query, now }: ListOffers): Promise<OfferPage> {
    const municipality = query.municipality ?? user.municipality;
    assertSameMunicipality(user, municipality);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const day = query.openOn ?? now.toISOString().slice(0, 10);
    const where = {
      municipality,
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.jurisdiction ? { jurisdiction: query.jurisdiction } : {}),
    };
    const found = await this.readModels.find<OfferDocument>(offersProjection.name, { where }, query.minPosition);
    const { residenceStatus: status } = query;
    const matching = found.items
      .filter((doc) => !status || doc.openTo.includes(status) || doc.openingPossible.includes(status))
      .map((doc) => offerView(doc, day))
      .filter((view) => (!query.openOn || view.open) && (!query.hasFreePlaces || (view.open && view.free > 0)))
      .sort((a, b) => a.period.from.localeCompare(b.period.from) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
    return {
      items: matching.slice((page - 1) * pageSize, page * pageSize),
      page,
      pageSize,
      total: matching.length,
      position: found.position,
    };
  }
}
