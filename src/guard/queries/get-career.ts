import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { enrolmentStreamId } from '@lotse/domain';
import { EVENT_STORE, EventStore } from '@lotse/event-store';
import { Inject } from '@nestjs/common';
import { AuthenticatedUser } from '../../auth';
import { CareerView, careerOf } from '../career.view';
import { ParticipantLoader } from '../participant-loader';

export class GetCareer {
  constructor(readonly user: AuthenticatedUser, readonly participantId: string) {}
}

@QueryHandler(GetCareer)
export class GetCareerHandler implements IQueryHandler<GetCareer, CareerView> {
  constructor(private readonly participants: ParticipantLoader, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ user, participantId }: GetCareer): Promise<CareerView> {
    await this.participants.registered(user, participantId);
    return careerOf(participantId, await this.store.readStream(enrolmentStreamId(participantId)));
  }
}
