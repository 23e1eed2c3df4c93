import { Injectable } from '@nestjs/common';
import { DomainError, participantDecider, participantStreamId, RegisteredParticipantState } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../auth';
import { CommandRunner } from '../event-sourcing';

/** The registered participant a guard request is about, within the caller's municipality. */
@Injectable()
export class ParticipantLoader {
  constructor(private readonly runner: CommandRunner) {}

  async registered(user: AuthenticatedUser, participantId: string): Promise<RegisteredParticipantState> {
    const state = await this.load(participantId);
    assertSameMunicipality(user, state.municipality);
    return state;
  }

  /** Without the tenant check: for callers that decide access themselves (the career). */
  async load(participantId: string): Promise<RegisteredParticipantState> {
    const { state } = await this.runner.load(participantStreamId(participantId), participantDecider);
    if (state.status === 'none') throw new DomainError('participant_not_found', `no participant ${participantId}`);
    return state;
  }
}
