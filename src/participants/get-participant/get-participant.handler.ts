import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, participantDecider, participantStreamId } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality, seesPersonalData } from '../../auth';
import { CommandRunner } from '../../event-sourcing';
import { openPersonalData, PersonalDataVault } from '../../personal-data';
import { ParticipantView } from './participant.response';

export class GetParticipant {
  constructor(
    readonly user: AuthenticatedUser,
    readonly participantId: string,
  ) {}
}

@QueryHandler(GetParticipant)
export class GetParticipantHandler implements IQueryHandler<GetParticipant, ParticipantView> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ user, participantId }: GetParticipant): Promise<ParticipantView> {
    const { state, version, events } = await this.runner.load(participantStreamId(participantId), participantDecider);
    if (state.status === 'none') throw new DomainError('not_found', `no participant ${participantId}`);
    assertSameMunicipality(user, state.municipality);
    return {
      id: participantId,
      municipality: state.municipality,
      residenceStatus: state.residenceStatus,
      status: state.status,
      ...(state.mergedInto ? { mergedInto: state.mergedInto } : {}),
      entitlements: state.entitlements,
      personalData:
        seesPersonalData(user) && state.status === 'registered' ? await openPersonalData(this.vault, participantId, events) : null,
      version,
    };
  }
}
