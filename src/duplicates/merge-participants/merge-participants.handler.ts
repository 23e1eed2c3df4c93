import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EnrolmentLedger, EnrolmentLedgerEvent, enrolmentLedgerDecider, enrolmentStreamId, participantDecider } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import { AggregateStore, RequestContext } from '../../event-sourcing';
import { EnrolmentLedgerService } from '../../guard/enrolment-ledger.service';
import { ParticipantLoader } from '../../guard/participant-loader';
import { participantStream } from '../../participants/participant-stream';
import { DuplicateDetectionService } from '../duplicate-detection.service';
import { pairIdOf } from '../match-key-store';

export class MergeParticipants {
  constructor(readonly user: AuthenticatedUser, readonly context: RequestContext, readonly survivorId: string, readonly duplicateId: string) {}
}

/**
 * The same person registered twice becomes one: the duplicate points to the survivor and takes no
 * new pathway, and the survivor's enrolment ledger absorbs the duplicate's, so the guard sees both
 * histories. Each step is idempotent, so a retry after a crash completes the merge.
 */
@CommandHandler(MergeParticipants)
export class MergeParticipantsHandler implements ICommandHandler<MergeParticipants> {
  constructor(private readonly aggregates: AggregateStore, private readonly ledger: EnrolmentLedgerService,
    private readonly participants: ParticipantLoader,
    private readonly duplicates: DuplicateDetectionService) {}

  async execute({ user, context, survivorId, duplicateId }: MergeParticipants) {
    const survivor = await this.participants.load(survivorId);
    assertSameMunicipality(user, survivor.municipality);
    await this.participants.load(duplicateId);
    await this.aggregates.handle(participantStream(duplicateId), participantDecider, () => ({ type: 'MergeInto' as const,
      metadata: { now: context.now, actor: context.actor }, data: { survivor: { id: survivorId, status: survivor.status } } }), context);
    await this.ledger.change(duplicateId, (metadata) => ({ type: 'CloseLedger', metadata, data: { participantId: duplicateId, mergedInto: survivorId } }), context);
    const { state: closed } = await this.aggregates.load<EnrolmentLedgerEvent, EnrolmentLedger>(enrolmentStreamId(duplicateId), enrolmentLedgerDecider);
    const result = await this.ledger.change(survivorId, (metadata) => ({ type: 'MergeLedger', metadata,
      data: { participantId: survivorId, source: { ...closed, participantId: closed.participantId ?? duplicateId } } }), context);
    await this.duplicates.store.decide(pairIdOf(survivorId, duplicateId), 'merged', context.actor);
    await this.duplicates.forget(duplicateId);
    return { id: survivorId, version: result.version, position: result.position };
  }

}
