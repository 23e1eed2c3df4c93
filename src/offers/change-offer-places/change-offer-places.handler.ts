import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { offerDecider, offerStreamId } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { CommandRunner, commandMetadata, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { OfferAccess } from '../offer-access';
import { ChangeOfferPlacesDto } from './change-offer-places.dto';

export class ChangeOfferPlacesRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly offerId: string,
    readonly body: ChangeOfferPlacesDto,
    readonly ifMatch?: number,
  ) {}
}

/**
 * The provider has more or fewer places from a day on. Fewer than are taken is allowed (a budget
 * cut is a fact, not a request): the pathways keep their places and no new one gets in.
 */
@CommandHandler(ChangeOfferPlacesRequest)
export class ChangeOfferPlacesHandler implements ICommandHandler<ChangeOfferPlacesRequest, WriteResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly offers: OfferAccess,
  ) {}

  async execute({ user, context, offerId, body: { places, changedOn }, ifMatch }: ChangeOfferPlacesRequest): Promise<WriteResult> {
    await this.offers.published(user, offerId);
    const result = await this.runner.run({
      streamId: offerStreamId(offerId),
      decider: offerDecider,
      context,
      ifMatch,
      command: { type: 'ChangeOfferPlaces', metadata: commandMetadata(context), data: { places, changedOn } },
    });
    return { id: offerId, version: result.version, position: result.position };
  }
}
