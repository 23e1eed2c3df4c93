import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { offerDecider, offerStreamId } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { CommandRunner, commandMetadata, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { OfferAccess } from '../offer-access';
import { CloseOfferDto } from './close-offer.dto';

export class CloseOfferRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly offerId: string,
    readonly body: CloseOfferDto,
    readonly ifMatch?: number,
  ) {}
}

/** The offer takes no pathway starting on or after `closedOn`; the pathways already in it keep their places. */
@CommandHandler(CloseOfferRequest)
export class CloseOfferHandler implements ICommandHandler<CloseOfferRequest, WriteResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly offers: OfferAccess,
  ) {}

  async execute({ user, context, offerId, body: { closedOn, reason }, ifMatch }: CloseOfferRequest): Promise<WriteResult> {
    await this.offers.published(user, offerId);
    const result = await this.runner.run({
      streamId: offerStreamId(offerId),
      decider: offerDecider,
      context,
      ifMatch,
      command: { type: 'CloseOffer', metadata: commandMetadata(context), data: { closedOn, reason } },
    });
    return { id: offerId, version: result.version, position: result.position };
  }
}
