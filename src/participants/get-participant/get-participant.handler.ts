import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, openNeeds, participantDecider, participantStreamId } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality, seesPersonalData } from '../../auth';
import { CommandRunner } from '../../event-sourcing';
import { EnrolmentLedgerService } from '../../guard';
import { openPersonalData, PersonalDataVault } from '../../personal-data';
import { ParticipantView } from './participant.response';

export class GetParticipant {
  constructor(
    readonly user: AuthenticatedUser,
    readonly participantId: string,
    /** A past moment of the log (position or ISO time) to answer as of; absent for now. */
    readonly until?: number | string,
  ) {}
}

@QueryHandler(GetParticipant)
export class GetParticipantHandler implements IQueryHandler<GetParticipant, ParticipantView> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: PersonalDataVault,
    private readonly ledger: EnrolmentLedgerService,
  ) {}

  async execute({ user, participantId, until }: GetParticipant): Promise<ParticipantView> {
    // Replayed up to `until` with the same decider: a moment before the registration folds to 'none', a 404.
    const { state, version, events } = await this.runner.load(participantStreamId(participantId), participantDecider, until);
    if (state.status === 'none') throw new DomainError('not_found', `no participant ${participantId}`);
    assertSameMunicipality(user, state.municipality);
    // Which needs are open comes from the enrolment ledger, read like the guard reads it: it holds every
    // pathway of the person, merged registrations included, and is current the moment a write returns.
    const assessment = state.needsAssessment;
    const { state: ledger } = assessment ? await this.ledger.load(participantId, until) : { state: { pathways: [] } };
    return {
      id: participantId,
      municipality: state.municipality,
      residenceStatus: state.residenceStatus,
      status: state.status,
      ...(state.mergedInto ? { mergedInto: state.mergedInto } : {}),
      entitlements: state.entitlements,
      personalData:
        seesPersonalData(user) && state.status === 'registered' ? await openPersonalData(this.vault, participantId, events) : null,
      needsAssessment: assessment ?? null,
      openNeeds: assessment ? openNeeds(assessment.needs, ledger.pathways) : [],
      version,
    };
  }
}
