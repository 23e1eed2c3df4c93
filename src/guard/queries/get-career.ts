import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, enrolmentStreamId } from '@lotse/domain';
import { EVENT_STORE, EventStore } from '@lotse/event-store';
import { Inject } from '@nestjs/common';
import { actsIn, AuthenticatedUser } from '../../auth';
import { CareerView, careerOf } from '../career.view';
import { ParticipantLoader } from '../participant-loader';

export class GetCareer {
  constructor(readonly user: AuthenticatedUser, readonly participantId: string) {}
}

@QueryHandler(GetCareer)
export class GetCareerHandler implements IQueryHandler<GetCareer, CareerView> {
  constructor(private readonly participants: ParticipantLoader, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Coaches of every municipality where the person has a pathway may read the career: the
   * registration's own, and those of registrations merged into it (DESIGN.md §1).
   */
  async execute({ user, participantId }: GetCareer): Promise<CareerView> {
    const participant = await this.participants.load(participantId);
    const career = careerOf(participantId, await this.store.readStream(enrolmentStreamId(participantId)));
    const municipalities = new Set([participant.municipality]);
    for (const merged of career.mergedFrom) municipalities.add((await this.participants.load(merged)).municipality);
    if (![...municipalities].some((municipality) => actsIn(user, municipality))) {
      throw new DomainError('forbidden', `allowed only inside municipality ${user.municipality}`);
    }
    return career;
  }
}
