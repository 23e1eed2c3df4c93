import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuthenticatedUser } from '../../auth';
import { newAggregateId, RequestContext } from '../../event-sourcing';
import { PersonalDataVault } from '../../personal-data';
import { RecordCaseConferenceDto } from '../dto/record-case-conference.dto';
import { EnrolmentLedgerService } from '../enrolment-ledger.service';
import { ParticipantLoader } from '../participant-loader';

export class RecordCaseConference {
  constructor(readonly user: AuthenticatedUser, readonly context: RequestContext, readonly participantId: string,
    readonly body: RecordCaseConferenceDto) {}
}

/** A case conference of all bodies involved lifts R3 (career risk) for the pathways that follow it. */
@CommandHandler(RecordCaseConference)
export class RecordCaseConferenceHandler implements ICommandHandler<RecordCaseConference> {
  constructor(private readonly participants: ParticipantLoader, private readonly ledger: EnrolmentLedgerService,
    private readonly vault: PersonalDataVault) {}

  async execute({ user, context, participantId, body }: RecordCaseConference) {
    await this.participants.registered(user, participantId);
    const stepId = newAggregateId(context, 'case-conference');
    const decision = await this.vault.seal(participantId, body.decision);
    const result = await this.ledger.change(participantId, (metadata) => ({ type: 'RecordCaseConference', metadata,
      data: { participantId, stepId, heldOn: body.heldOn, decision } }), context);
    return { id: stepId, version: result.version, position: result.position };
  }
}
