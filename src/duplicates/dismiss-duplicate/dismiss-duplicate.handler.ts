import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { RequestContext } from '../../event-sourcing';
import { DuplicateDetectionService } from '../duplicate-detection.service';
import { assertMayDismiss } from '../merge-access';

export class DismissDuplicateRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly participantId: string,
    readonly otherId: string,
  ) {}
}

/** "Not the same person": the pair leaves the list and is not listed again. */
@CommandHandler(DismissDuplicateRequest)
export class DismissDuplicateHandler implements ICommandHandler<DismissDuplicateRequest> {
  constructor(private readonly duplicates: DuplicateDetectionService) {}

  async execute({ user, context, participantId, otherId }: DismissDuplicateRequest) {
    const pair = await this.duplicates.store.pairOf(participantId, otherId);
    if (!pair) throw new DomainError('not_found', 'these two registrations are not listed as a potential duplicate');
    assertMayDismiss(user, pair);
    if (pair.status === 'merged') throw new DomainError('invalid_merge', 'the pair was already merged');
    await this.duplicates.store.decide(pair.pairId, 'dismissed', context.actor);
    return { pairId: pair.pairId, status: 'dismissed' };
  }
}
