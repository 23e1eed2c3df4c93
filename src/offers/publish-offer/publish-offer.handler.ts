import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { offerDecider, offerStreamId } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import { CommandRunner, commandMetadata, newAggregateId, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { PublishOfferDto } from './publish-offer.dto';

export class PublishOfferRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly body: PublishOfferDto,
  ) {}
}

/** A coordinator puts a provider's offer into the municipality's catalogue. */
@CommandHandler(PublishOfferRequest)
export class PublishOfferHandler implements ICommandHandler<PublishOfferRequest, WriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ user, context, body }: PublishOfferRequest): Promise<WriteResult> {
    assertSameMunicipality(user, body.municipality);
    const offerId = newAggregateId(context, 'offer');
    const { period, openingPossible, languages, description, ...rest } = body;
    const result = await this.runner.run({
      streamId: offerStreamId(offerId),
      decider: offerDecider,
      context,
      command: {
        type: 'PublishOffer',
        metadata: commandMetadata(context),
        data: {
          offerId,
          ...rest,
          openingPossible: openingPossible ?? [],
          languages: languages ?? [],
          period: { from: period.from, ...(period.to ? { to: period.to } : {}) },
          ...(description ? { description } : {}),
        },
      },
    });
    return { id: offerId, version: result.version, position: result.position };
  }
}
