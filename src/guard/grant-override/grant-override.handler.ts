import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuthenticatedUser } from '../../auth';
import { commandMetadata, newAggregateId, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { PersonalDataVault } from '../../personal-data';
import { EnrolmentLedgerService } from '../enrolment-ledger.service';
import { ParticipantLoader } from '../participant-loader';
import { GrantOverrideDto } from './grant-override.dto';

export class GrantOverrideRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly body: GrantOverrideDto,
  ) {}
}

/** A coordinator lifts R2–R4 for a participant, with a written reason; the override is an event like any other. */
@CommandHandler(GrantOverrideRequest)
export class GrantOverrideHandler implements ICommandHandler<GrantOverrideRequest, WriteResult> {
  constructor(
    private readonly participants: ParticipantLoader,
    private readonly ledger: EnrolmentLedgerService,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ user, context, body }: GrantOverrideRequest): Promise<WriteResult> {
    const { participantId, rule, kind, validUntil } = body;
    await this.participants.registered(user, participantId);
    const overrideId = newAggregateId(context, 'override');
    const reason = await this.vault.seal(participantId, body.reason);
    const result = await this.ledger.change(
      participantId,
      {
        type: 'GrantOverride',
        metadata: commandMetadata(context),
        data: { participantId, overrideId, rule, ...(kind ? { kind } : {}), validUntil, reason },
      },
      context,
    );
    return { id: overrideId, version: result.version, position: result.position };
  }
}
