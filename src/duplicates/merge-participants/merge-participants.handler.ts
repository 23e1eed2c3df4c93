import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { participantDecider, participantStreamId } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import { CommandRunner, commandMetadata, RequestContext } from '../../event-sourcing';
import { EnrolmentLedgerService, ParticipantLoader } from '../../guard';
import { WriteResult } from '../../http';
import { DuplicateDetectionService } from '../duplicate-detection.service';
import { pairIdOf } from '../match-key-store';

export class MergeParticipantsRequest {
  constructor(readonly user: AuthenticatedUser, readonly context: RequestContext, readonly survivorId: string, readonly duplicateId: string) {}
}

/**
 * The same person registered twice becomes one: the duplicate points to the survivor and takes no
 * new pathway, and the survivor's enrolment ledger absorbs the duplicate's, so the guard sees both
 * histories. Each step is idempotent, so a retry after a crash completes the merge.
 */
@CommandHandler(MergeParticipantsRequest)
export class MergeParticipantsHandler implements ICommandHandler<MergeParticipantsRequest, WriteResult> {
  constructor(private readonly runner: CommandRunner, private readonly ledger: EnrolmentLedgerService,
    private readonly participants: ParticipantLoader, private readonly duplicates: DuplicateDetectionService) {}

  async execute({ user, context, survivorId, duplicateId }: MergeParticipantsRequest): Promise<WriteResult> {
    const survivor = await this.participants.load(survivorId);
    assertSameMunicipality(user, survivor.municipality);
    await this.participants.load(duplicateId);
    const metadata = commandMetadata(context);
    await this.runner.run({ streamId: participantStreamId(duplicateId), decider: participantDecider, context,
      command: { type: 'MergeInto', metadata, data: { survivor: { id: survivorId, status: survivor.status } } } });
    await this.ledger.change(duplicateId, { type: 'CloseLedger', metadata, data: { participantId: duplicateId, mergedInto: survivorId } }, context);
    const { state: closed } = await this.ledger.load(duplicateId);
    const result = await this.ledger.change(survivorId, { type: 'MergeLedger', metadata,
      data: { participantId: survivorId, source: { ...closed, participantId: closed.participantId ?? duplicateId } } }, context);
    await this.duplicates.store.decide(pairIdOf(survivorId, duplicateId), 'merged', context.actor);
    await this.duplicates.forget(duplicateId);
    return { id: survivorId, version: result.version, position: result.position };
  }
}
