import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuthenticatedUser } from '../../auth';
import { RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { OpenPathwayDto } from './open-pathway.dto';
import { OpenPathwayProcess } from './open-pathway.process';

export class OpenPathwayRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly body: OpenPathwayDto,
  ) {}
}

/** The caller becomes the pathway's coach, if the measure-career guard lets it through. */
@CommandHandler(OpenPathwayRequest)
export class OpenPathwayHandler implements ICommandHandler<OpenPathwayRequest, WriteResult> {
  constructor(private readonly process: OpenPathwayProcess) {}

  execute({ user, context, body }: OpenPathwayRequest): Promise<WriteResult> {
    return this.process.open(user, context, body);
  }
}
