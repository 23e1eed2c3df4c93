import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { participantDecider, participantStreamId } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { DuplicateDetectionService } from '../../duplicates';
import { CommandRunner, commandMetadata, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { PersonalDataVault } from '../../personal-data';
import { ParticipantAccess } from '../participant-access';

export class ErasePersonalDataRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly participantId: string,
  ) {}
}

/** GDPR Art. 17: record the erasure, then destroy the key; both steps are safe to repeat. */
@CommandHandler(ErasePersonalDataRequest)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalDataRequest, WriteResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly participants: ParticipantAccess,
    private readonly vault: PersonalDataVault,
    private readonly duplicates: DuplicateDetectionService,
  ) {}

  async execute({ user, context, participantId }: ErasePersonalDataRequest): Promise<WriteResult> {
    await this.participants.registered(user, participantId);
    const result = await this.runner.run({
      streamId: participantStreamId(participantId),
      decider: participantDecider,
      context,
      command: { type: 'ErasePersonalData', data: {}, metadata: commandMetadata(context) },
    });
    // After the event, so a crash in between leaves an erasure that a retry completes, never a lost key with no record.
    await this.vault.erase(participantId);
    // Keyed hashes of the name are still about the person: they go with the key.
    await this.duplicates.forget(participantId);
    return { id: participantId, version: result.version, position: result.position };
  }
}
