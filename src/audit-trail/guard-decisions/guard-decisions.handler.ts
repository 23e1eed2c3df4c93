import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, enrolmentStreamId, GuardDecisionRecorded, guardDecisionsStreamId, participantStreamId } from '@lotse/domain';
import { StoredEvent } from '@lotse/event-store';
import { replayDocuments } from '@lotse/projections';
import { assertSameMunicipality, AuthenticatedUser } from '../../auth';
import { CommandRunner } from '../../event-sourcing';
import { CareerDocument, careersProjection, careerView, emptyCareer } from '../../guard';
import { StreamOwnership } from '../stream-ownership';
import { GuardDecisions, GuardDecisionView } from './guard-decisions.response';

export class GetGuardDecisions {
  constructor(
    readonly user: AuthenticatedUser,
    readonly participantId: string,
  ) {}
}

type Decision = StoredEvent<GuardDecisionRecorded['data']>;

/**
 * Every decision the guard took on an opening for a person, allowed ones from the enrolment ledger and refusals from
 * their own stream, each beside the career it was taken on: the careers projection folded over the ledger up to the
 * version the decision names, the same code that shows the career today.
 */
@QueryHandler(GetGuardDecisions)
export class GetGuardDecisionsHandler implements IQueryHandler<GetGuardDecisions, GuardDecisions> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly ownership: StreamOwnership,
  ) {}

  async execute({ user, participantId }: GetGuardDecisions): Promise<GuardDecisions> {
    const municipality = await this.ownership.municipalityOf(participantId);
    if (municipality === undefined) throw new DomainError('participant_not_found', `no participant ${participantId}`);
    assertSameMunicipality(user, municipality);
    const [registration, ledger, refusals] = await Promise.all([
      this.runner.history(participantStreamId(participantId)),
      this.runner.history(enrolmentStreamId(participantId)),
      this.runner.history(guardDecisionsStreamId(participantId)),
    ]);
    const decisions = [...ledger.events, ...refusals.events]
      .filter((e): e is Decision => e.type === 'GuardDecisionRecorded')
      .sort((a, b) => a.globalPosition - b.globalPosition);
    return {
      participantId,
      decisions: decisions.map((decision) => this.view(participantId, decision, registration.events, ledger.events)),
    };
  }

  private view(participantId: string, decision: Decision, registration: StoredEvent[], ledger: StoredEvent[]): GuardDecisionView {
    const { data, metadata } = decision;
    const seen = [
      ...registration.filter((e) => e.globalPosition < decision.globalPosition),
      ...ledger.filter((e) => e.streamVersion <= data.ledgerVersion),
    ];
    const career: CareerDocument = replayDocuments(careersProjection, seen).get(participantId) ?? emptyCareer(participantId);
    const { municipality: _municipality, personalData: _personalData, openConflicts: _open, ...history } = career;
    const { code, rule, ...refusal } = data.refusal ?? {};
    return {
      position: decision.globalPosition,
      streamId: decision.streamId,
      recordedAt: decision.recordedAt,
      decidedAt: data.decidedAt,
      actor: metadata.actor,
      role: metadata.role,
      pathwayId: data.pathwayId,
      kind: data.kind,
      jurisdiction: data.jurisdiction,
      plannedStart: data.plannedStart,
      plannedEnd: data.plannedEnd,
      allowed: data.allowed,
      ...(rule ? { rule } : {}),
      ...(code ? { code } : {}),
      ...(data.refusal ? { refusal } : {}),
      flags: data.flags,
      eligibilityVersion: data.eligibilityVersion,
      ledgerVersion: data.ledgerVersion,
      career: careerView(history, data.decidedAt.slice(0, 10)),
    };
  }
}
