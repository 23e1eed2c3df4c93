import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, Participant, participantDecider, ParticipantEvent } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality, seesPersonalData } from '../../auth';
import { AggregateStore } from '../../event-sourcing';
import { ERASED, PersonalDataVault } from '../../personal-data';
import { ParticipantView } from '../dto/participant.response';
import { participantStream, PersonalData } from '../participant-stream';

export class GetParticipant {
  constructor(readonly user: AuthenticatedUser, readonly participantId: string) {}
}

@QueryHandler(GetParticipant)
export class GetParticipantHandler implements IQueryHandler<GetParticipant, ParticipantView> {
  constructor(private readonly aggregates: AggregateStore, private readonly vault: PersonalDataVault) {}

  async execute({ user, participantId }: GetParticipant): Promise<ParticipantView> {
    const { state, version, events } = await this.aggregates.load<ParticipantEvent, Participant>(
      participantStream(participantId), participantDecider);
    if (state.status === 'none') throw new DomainError('not_found', `no participant ${participantId}`);
    assertSameMunicipality(user, state.municipality);
    return {
      id: participantId,
      municipality: state.municipality,
      residenceStatus: state.residenceStatus,
      status: state.status,
      ...(state.mergedInto ? { mergedInto: state.mergedInto } : {}),
      entitlements: state.entitlements,
      personalData: seesPersonalData(user) && state.status === 'registered' ? await this.personalData(participantId, events) : null,
      version,
    };
  }

  private async personalData(participantId: string, events: { type: string; data: Record<string, unknown> }[]): Promise<PersonalData | null> {
    const registered = events.find((e) => e.type === 'ParticipantRegistered');
    if (!registered) return null;
    const opened = await this.vault.open<PersonalData>(participantId, String(registered.data.personalData));
    return opened === ERASED ? null : opened;
  }
}
