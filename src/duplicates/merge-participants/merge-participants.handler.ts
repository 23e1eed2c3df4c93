import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, isEnrolmentLedgerEvent, participantDecider, participantStreamId } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { CommandRunner, commandMetadata, RequestContext } from '../../event-sourcing';
import { EnrolmentLedgerService, ParticipantLoader } from '../../guard';
import { PersonalDataVault } from '../../personal-data';
import { DuplicateDetectionService } from '../duplicate-detection.service';
import { pairIdOf } from '../match-key-store';
import { assertMayMerge } from '../merge-access';
import { DuplicatePathway, MergeResult } from './merge-result';

export class MergeParticipantsRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly survivorId: string,
    readonly duplicateId: string,
    readonly reason?: string,
  ) {}
}

/**
 * The same person registered twice becomes one: the duplicate points to the survivor and takes no
 * new pathway, and the survivor's enrolment ledger absorbs the duplicate's, so the guard sees both
 * histories. Each step is idempotent, so a retry after a crash completes the merge.
 */
@CommandHandler(MergeParticipantsRequest)
export class MergeParticipantsHandler implements ICommandHandler<MergeParticipantsRequest, MergeResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly ledger: EnrolmentLedgerService,
    private readonly participants: ParticipantLoader,
    private readonly duplicates: DuplicateDetectionService,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ user, context, survivorId, duplicateId, reason }: MergeParticipantsRequest): Promise<MergeResult> {
    if (survivorId === duplicateId) throw new DomainError('invalid_merge', 'a participant cannot be merged into itself');
    const survivor = await this.participants.load(survivorId);
    const duplicate = await this.participants.load(duplicateId);
    assertMayMerge(
      user,
      [survivor.municipality, duplicate.municipality],
      await this.duplicates.store.pairOf(survivorId, duplicateId),
      reason,
    );
    // The decider says so too, but only after the reason would have been sealed, which needs a live key.
    if (survivor.status !== 'registered') throw new DomainError('invalid_merge', `the surviving registration is ${survivor.status}`);
    // Sealed under the survivor's key: the survivor is registered (the decider insists), so its key exists, and
    // the reason is about the person who goes on under that registration.
    const sealedReason = reason === undefined ? {} : { reason: await this.vault.seal(survivorId, reason) };
    const metadata = commandMetadata(context);
    await this.runner.run({
      streamId: participantStreamId(duplicateId),
      decider: participantDecider,
      context,
      command: { type: 'MergeInto', metadata, data: { survivor: { id: survivorId, status: survivor.status }, ...sealedReason } },
    });
    await this.ledger.change(
      duplicateId,
      { type: 'CloseLedger', metadata, data: { participantId: duplicateId, mergedInto: survivorId } },
      context,
    );
    const { state: closed } = await this.ledger.load(duplicateId);
    const result = await this.ledger.change(
      survivorId,
      {
        type: 'MergeLedger',
        metadata,
        data: { participantId: survivorId, source: { ...closed, participantId: closed.participantId ?? duplicateId } },
      },
      context,
    );
    await this.duplicates.store.decide(pairIdOf(survivorId, duplicateId), 'merged', context.actor);
    await this.duplicates.forget(duplicateId);
    return {
      id: survivorId,
      version: result.version,
      position: result.position,
      duplicatePathways: await this.duplicatePathways(survivorId, duplicateId),
    };
  }

  /** What the ledger's merge found, read back from the ledger so that a retried merge answers the same. */
  private async duplicatePathways(survivorId: string, duplicateId: string): Promise<DuplicatePathway[]> {
    const { state, events } = await this.ledger.load(survivorId);
    for (const event of events) {
      if (!isEnrolmentLedgerEvent(event) || event.type !== 'LedgerMerged' || event.data.fromParticipantId !== duplicateId) continue;
      const kindOf = new Map([...state.pathways, ...event.data.pathways].map((p) => [p.pathwayId, p.kind]));
      return event.data.overlaps.flatMap(({ pathwayId, overlapsPathwayId }) => {
        const kind = kindOf.get(pathwayId);
        return kind ? [{ rule: 'duplicate_pathway' as const, kind, pathwayId, overlapsPathwayId }] : [];
      });
    }
    return [];
  }
}
