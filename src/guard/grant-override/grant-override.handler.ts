import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuthenticatedUser } from '../../auth';
import { newAggregateId, RequestContext } from '../../event-sourcing';
import { PersonalDataVault } from '../../personal-data';
import { GrantOverrideDto } from '../dto/grant-override.dto';
import { EnrolmentLedgerService } from '../enrolment-ledger.service';
import { ParticipantLoader } from '../participant-loader';

export class GrantOverride {
  constructor(readonly user: AuthenticatedUser, readonly context: RequestContext, readonly body: GrantOverrideDto) {}
}

/** A coordinator lifts R2–R4 for a participant, with a written reason; the override is an event like any other. */
@CommandHandler(GrantOverride)
export class GrantOverrideHandler implements ICommandHandler<GrantOverride> {
  constructor(private readonly participants: ParticipantLoader, private readonly ledger: EnrolmentLedgerService,
    private readonly vault: PersonalDataVault) {}

  async execute({ user, context, body }: GrantOverride) {
    await this.participants.registered(user, body.participantId);
    const overrideId = newAggregateId(context, 'override');
    const reason = await this.vault.seal(body.participantId, body.reason);
    const result = await this.ledger.change(body.participantId, (metadata) => ({ type: 'GrantOverride', metadata, data: {
      participantId: body.participantId, overrideId, rule: body.rule, ...(body.kind ? { kind: body.kind } : {}), validUntil: body.validUntil, reason } }), context);
    return { id: overrideId, version: result.version, position: result.position };
  }
}
