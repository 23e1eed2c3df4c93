import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, participantDecider } from '@lotse/domain';
import { AggregateStore, RequestContext } from '../../event-sourcing';
import { DuplicateDetectionService } from '../../duplicates/duplicate-detection.service';
import { PersonalDataVault } from '../../personal-data';
import { WriteResult } from '../dto/participant.response';
import { participantStream } from '../participant-stream';

/** GDPR Art. 17: record the erasure, then destroy the key; both steps are safe to repeat. */
export class ErasePersonalData {
  constructor(readonly context: RequestContext, readonly participantId: string) {}
}

@CommandHandler(ErasePersonalData)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalData, WriteResult> {
  constructor(private readonly aggregates: AggregateStore, private readonly vault: PersonalDataVault,
    private readonly duplicates: DuplicateDetectionService) {}

  async execute({ context, participantId }: ErasePersonalData): Promise<WriteResult> {
    const result = await this.aggregates.handle(participantStream(participantId), participantDecider, (state) => {
      if (state.status === 'none') throw new DomainError('not_found', `no participant ${participantId}`);
      return { type: 'ErasePersonalData' as const, metadata: { now: context.now, actor: context.actor }, data: {} };
    }, context);
    // After the event, so a crash in between leaves an erasure that a retry completes, never a lost key with no record.
    await this.vault.erase(participantId);
    // Keyed hashes of the name are still about the person: they go with the key.
    await this.duplicates.forget(participantId);
    return { id: participantId, version: result.version, position: result.position };
  }
}
