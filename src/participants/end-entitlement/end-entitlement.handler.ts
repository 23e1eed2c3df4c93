import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { participantDecider, participantStreamId } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { CommandRunner, commandMetadata, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { ParticipantAccess } from '../participant-access';
import { EndEntitlementDto } from './end-entitlement.dto';

export class EndEntitlementRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly participantId: string,
    readonly entitlementId: string,
    readonly body: EndEntitlementDto,
    readonly ifMatch?: number,
  ) {}
}

/** The benefit stops on `to`; a later one of the same jurisdiction may follow it. */
@CommandHandler(EndEntitlementRequest)
export class EndEntitlementHandler implements ICommandHandler<EndEntitlementRequest, WriteResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly participants: ParticipantAccess,
  ) {}

  async execute({ user, context, participantId, entitlementId, body: { to }, ifMatch }: EndEntitlementRequest): Promise<WriteResult> {
    await this.participants.registered(user, participantId);
    const result = await this.runner.run({
      streamId: participantStreamId(participantId),
      decider: participantDecider,
      context,
      ifMatch,
      command: { type: 'EndEntitlement', data: { entitlementId, to }, metadata: commandMetadata(context) },
    });
    return { id: participantId, version: result.version, position: result.position };
  }
}
