import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { pathwayDecider, pathwayStreamId } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { CommandRunner, commandMetadata, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { OpenPathwayProcess } from '../open-pathway/open-pathway.process';
import { PathwayAccess } from '../pathway-access';
import { AbortPathwayDto } from './abort-pathway.dto';

export class AbortPathwayRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly pathwayId: string,
    readonly body: AbortPathwayDto,
    readonly ifMatch?: number,
  ) {}
}

/** The pathway ended without reaching its goal: it counts towards R3 (career risk) from here on. */
@CommandHandler(AbortPathwayRequest)
export class AbortPathwayHandler implements ICommandHandler<AbortPathwayRequest, WriteResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly pathways: PathwayAccess,
    private readonly process: OpenPathwayProcess,
  ) {}

  async execute({ user, context, pathwayId, body: { outcome, endedOn, reason }, ifMatch }: AbortPathwayRequest): Promise<WriteResult> {
    const pathway = await this.pathways.opened(user, pathwayId);
    const result = await this.runner.run({
      streamId: pathwayStreamId(pathwayId),
      decider: pathwayDecider,
      context,
      ifMatch,
      command: {
        type: 'AbortPathway',
        data: { outcome, endedOn, reason: await this.pathways.seal(pathway, reason) },
        metadata: commandMetadata(context),
      },
    });
    const ledgerPosition =
      result.events.length > 0
        ? await this.process.pathwayEnded(
            { participantId: pathway.participantId, pathwayId, status: 'aborted', outcome, endedOn },
            context,
            pathway.offerId,
          )
        : undefined;
    return { id: pathwayId, version: result.version, position: ledgerPosition ?? result.position };
  }
}
