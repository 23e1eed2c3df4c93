import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { pathwayDecider, pathwayStreamId } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { CommandRunner, commandMetadata, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { OpenPathwayProcess } from '../open-pathway/open-pathway.process';
import { PathwayAccess } from '../pathway-access';
import { CompletePathwayDto } from './complete-pathway.dto';

export class CompletePathwayRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly pathwayId: string,
    readonly body: CompletePathwayDto,
    readonly ifMatch?: number,
  ) {}
}

/** The pathway reached its goal; from its end on, the guard no longer counts it as running. */
@CommandHandler(CompletePathwayRequest)
export class CompletePathwayHandler implements ICommandHandler<CompletePathwayRequest, WriteResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly pathways: PathwayAccess,
    private readonly process: OpenPathwayProcess,
  ) {}

  async execute({ user, context, pathwayId, body: { outcome, endedOn }, ifMatch }: CompletePathwayRequest): Promise<WriteResult> {
    const pathway = await this.pathways.opened(user, pathwayId);
    const result = await this.runner.run({
      streamId: pathwayStreamId(pathwayId),
      decider: pathwayDecider,
      context,
      ifMatch,
      command: { type: 'CompletePathway', data: { outcome, endedOn }, metadata: commandMetadata(context) },
    });
    const ledgerPosition =
      result.events.length > 0
        ? await this.process.pathwayEnded(
            { participantId: pathway.participantId, pathwayId, status: 'completed', outcome, endedOn },
            context,
            pathway.offerId,
          )
        : undefined;
    return { id: pathwayId, version: result.version, position: ledgerPosition ?? result.position };
  }
}
