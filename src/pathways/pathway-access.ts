import { Injectable } from '@nestjs/common';
import { DomainError, OpenedPathwayState, pathwayDecider, pathwayStreamId } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../auth';
import { CommandRunner } from '../event-sourcing';
import { PersonalDataVault } from '../personal-data';

/** What every change of an opened pathway checks and prepares before its command is run. */
@Injectable()
export class PathwayAccess {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: PersonalDataVault,
  ) {}

  /** The pathway a request names, inside the caller's municipality. */
  async opened(user: AuthenticatedUser, pathwayId: string): Promise<OpenedPathwayState> {
    const { state } = await this.runner.state(pathwayStreamId(pathwayId), pathwayDecider);
    if (state.status === 'none') throw new DomainError('not_found', `no pathway ${pathwayId}`);
    assertSameMunicipality(user, state.municipality);
    return state;
  }

  /**
   * Free text sealed with the participant's key. The decider refuses anything on an ended
   * pathway; asking for a key that erasure may have destroyed would only hide that refusal.
   */
  seal(pathway: OpenedPathwayState, text: string): Promise<string> {
    return pathway.status === 'active' ? this.vault.seal(pathway.participantId, text) : Promise.resolve('');
  }
}
