import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { pathwayDecider, pathwayStreamId } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { CommandRunner, commandMetadata, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { PathwayAccess } from '../pathway-access';
import { TransferPathwayDto } from './transfer-pathway.dto';

export class TransferPathwayRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly pathwayId: string,
    readonly body: TransferPathwayDto,
    readonly ifMatch?: number,
  ) {}
}

/** Another coach takes the pathway over; it moves to her caseload. */
@CommandHandler(TransferPathwayRequest)
export class TransferPathwayHandler implements ICommandHandler<TransferPathwayRequest, WriteResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly pathways: PathwayAccess,
  ) {}

  async execute({ user, context, pathwayId, body: { toCoachId }, ifMatch }: TransferPathwayRequest): Promise<WriteResult> {
    await this.pathways.opened(user, pathwayId);
    const result = await this.runner.run({
      streamId: pathwayStreamId(pathwayId),
      decider: pathwayDecider,
      context,
      ifMatch,
      command: { type: 'TransferPathway', data: { toCoachId }, metadata: commandMetadata(context) },
    });
    return { id: pathwayId, version: result.version, position: result.position };
  }
}
