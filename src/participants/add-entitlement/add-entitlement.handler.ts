import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { participantDecider, participantStreamId } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { CommandRunner, commandMetadata, newAggregateId, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { ParticipantAccess } from '../participant-access';
import { EntitlementDto } from './entitlement.dto';

export class AddEntitlementRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly participantId: string,
    readonly body: EntitlementDto,
    readonly ifMatch?: number,
  ) {}
}

/** A benefit the person now receives under one jurisdiction: R2 (subsidiarity) weighs it. */
@CommandHandler(AddEntitlementRequest)
export class AddEntitlementHandler implements ICommandHandler<AddEntitlementRequest, WriteResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly participants: ParticipantAccess,
  ) {}

  async execute({ user, context, participantId, body, ifMatch }: AddEntitlementRequest): Promise<WriteResult> {
    await this.participants.registered(user, participantId);
    const entitlementId = newAggregateId(context, `entitlement-${participantId}`);
    const result = await this.runner.run({
      streamId: participantStreamId(participantId),
      decider: participantDecider,
      context,
      ifMatch,
      command: { type: 'AddEntitlement', data: { entitlement: { entitlementId, ...body } }, metadata: commandMetadata(context) },
    });
    return { id: entitlementId, version: result.version, position: result.position };
  }
}
