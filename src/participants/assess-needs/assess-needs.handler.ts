import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { participantDecider, participantStreamId } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { CommandRunner, commandMetadata, newAggregateId, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { ParticipantAccess } from '../participant-access';
import { AssessNeedsDto } from './assess-needs.dto';

export class AssessNeedsRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly participantId: string,
    readonly body: AssessNeedsDto,
    readonly ifMatch?: number,
  ) {}
}

/** What the person needs, as a coach assessed it: kept as a history in the participant's stream, the latest counts. */
@CommandHandler(AssessNeedsRequest)
export class AssessNeedsHandler implements ICommandHandler<AssessNeedsRequest, WriteResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly participants: ParticipantAccess,
  ) {}

  async execute({ user, context, participantId, body, ifMatch }: AssessNeedsRequest): Promise<WriteResult> {
    await this.participants.registered(user, participantId);
    const assessmentId = newAggregateId(context, `needs-assessment-${participantId}`);
    const result = await this.runner.run({
      streamId: participantStreamId(participantId),
      decider: participantDecider,
      context,
      ifMatch,
      command: {
        type: 'AssessNeeds',
        metadata: commandMetadata(context),
        data: {
          assessment: {
            assessmentId,
            assessedOn: body.assessedOn,
            needs: body.needs,
            ...(body.germanLevel ? { germanLevel: body.germanLevel } : {}),
            ...(body.schoolCertificate ? { schoolCertificate: body.schoolCertificate } : {}),
          },
        },
      },
    });
    return { id: assessmentId, version: result.version, position: result.position };
  }
}
