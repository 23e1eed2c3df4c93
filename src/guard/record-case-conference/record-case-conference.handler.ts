import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuthenticatedUser } from '../../auth';
import { commandMetadata, newAggregateId, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { PersonalDataVault } from '../../personal-data';
import { EnrolmentLedgerService } from '../enrolment-ledger.service';
import { ParticipantLoader } from '../participant-loader';
import { RecordCaseConferenceDto } from './record-case-conference.dto';

export class RecordCaseConferenceRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly participantId: string,
    readonly body: RecordCaseConferenceDto,
  ) {}
}

/** A case conference of all bodies involved lifts R3 (career risk) for the pathways that follow it. */
@CommandHandler(RecordCaseConferenceRequest)
export class RecordCaseConferenceHandler implements ICommandHandler<RecordCaseConferenceRequest, WriteResult> {
  constructor(
    private readonly participants: ParticipantLoader,
    private readonly ledger: EnrolmentLedgerService,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ user, context, participantId, body }: RecordCaseConferenceRequest): Promise<WriteResult> {
    await this.participants.registered(user, participantId);
    const stepId = newAggregateId(context, 'case-conference');
    const decision = await this.vault.seal(participantId, body.decision);
    const result = await this.ledger.change(
      participantId,
      { type: 'RecordCaseConference', metadata: commandMetadata(context), data: { participantId, stepId, heldOn: body.heldOn, decision } },
      context,
    );
    return { id: stepId, version: result.version, position: result.position };
  }
}
