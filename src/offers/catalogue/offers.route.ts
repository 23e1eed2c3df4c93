import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiOperationFor, setVersionHeaders, UuidParam } from '../../http';
import { GetOfferQuery } from './get-offer.query';
import { GetOffer } from './get-offer.handler';
import { ListOffers } from './list-offers.handler';
import { ListOffersQuery } from './list-offers.query';
import { OfferPage, OfferView } from './offer.response';
import type { HttpResponse } from '../../http';

/** Every role of the municipality reads the catalogue: coaches search it for their participants. */
@ApiTags('offers')
@ApiBearerAuth()
@Controller('offers')
export class OffersRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOperationFor({
    summary: 'List offers',
    description: 'The offer catalogue of a municipality, with occupied and free places on a day (`openOn`).',
    answers: { status: 200, type: OfferPage, description: 'One page of offers' },
  })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListOffersQuery): Promise<OfferPage> {
    return this.queries.execute(new ListOffers(user, query, new Date()));
  }

  @Get(':id')
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOperationFor({
    summary: 'Read an offer',
    description: 'One offer with its places, occupied and free on a day (`openOn`).',
    answers: { status: 200, type: OfferView, description: 'The offer', etag: true },
    problems: { 404: ['offer_not_found'] },
    conditional: true,
  })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: GetOfferQuery,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<OfferView> {
    const view: OfferView = await this.queries.execute(
      new GetOffer(user, id, query.openOn ?? new Date().toISOString().slice(0, 10), query.minPosition),
    );
    setVersionHeaders(res, view.version);
    return view;
  }
}
