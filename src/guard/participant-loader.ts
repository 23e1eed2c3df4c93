import { Injectable } from '@nestjs/common';
import { DomainError, Participant, participantDecider, ParticipantEvent } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../auth';
import { AggregateStore } from '../event-sourcing';
import { participantStream } from '../participants';

/** The registered participant a guard request is about, within the caller's municipality. */
@Injectable()
export class ParticipantLoader {
  constructor(private readonly aggregates: AggregateStore) {}

  async registered(user: AuthenticatedUser, participantId: string): Promise<Exclude<Participant, { status: 'none' }>> {
    const state = await this.load(participantId);
    assertSameMunicipality(user, state.municipality);
    return state;
  }

  /** Without the tenant check: for callers that decide access themselves (the career). */
  async load(participantId: string): Promise<Exclude<Participant, { status: 'none' }>> {
    const { state } = await this.aggregates.load<ParticipantEvent, Participant>(participantStream(participantId), participantDecider);
    if (state.status === 'none') throw new DomainError('participant_not_found', `no participant ${participantId}`);
    return state;
  }
}
