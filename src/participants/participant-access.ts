import { Injectable } from '@nestjs/common';
import { DomainError, participantDecider, participantStreamId, RegisteredParticipantState } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../auth';
import { CommandRunner } from '../event-sourcing';

/** What every change of a registered participant checks before its command is run. */
@Injectable()
export class ParticipantAccess {
  constructor(private readonly runner: CommandRunner) {}

  /** The participant a request names, inside the caller's municipality. */
  async registered(user: AuthenticatedUser, participantId: string): Promise<RegisteredParticipantState> {
    const { state } = await this.runner.state(participantStreamId(participantId), participantDecider);
    if (state.status === 'none') throw new DomainError('not_found', `no participant ${participantId}`);
    assertSameMunicipality(user, state.municipality);
    return state;
  }
}
