import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { participantDecider, participantStreamId } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { CommandRunner, commandMetadata, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { ParticipantAccess } from '../participant-access';
import { ChangeResidenceStatusDto } from './change-residence-status.dto';

export class ChangeResidenceStatusRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly participantId: string,
    readonly body: ChangeResidenceStatusDto,
    readonly ifMatch?: number,
  ) {}
}

/** A new residence status changes which measures the guard lets through from now on. */
@CommandHandler(ChangeResidenceStatusRequest)
export class ChangeResidenceStatusHandler implements ICommandHandler<ChangeResidenceStatusRequest, WriteResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly participants: ParticipantAccess,
  ) {}

  async execute({
    user,
    context,
    participantId,
    body: { residenceStatus, changedOn },
    ifMatch,
  }: ChangeResidenceStatusRequest): Promise<WriteResult> {
    await this.participants.registered(user, participantId);
    const result = await this.runner.run({
      streamId: participantStreamId(participantId),
      decider: participantDecider,
      context,
      ifMatch,
      command: { type: 'ChangeResidenceStatus', data: { residenceStatus, changedOn }, metadata: commandMetadata(context) },
    });
    return { id: participantId, version: result.version, position: result.position };
  }
}
