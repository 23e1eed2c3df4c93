import { Inject, Injectable } from '@nestjs/common';
import {
  dayOf,
  DomainError,
  EligibilityTable,
  eligibilityTableOn,
  EnrolmentLedgerCommand,
  enrolmentLedgerDecider,
  enrolmentStreamId,
  RegisteredParticipantState,
  ReservePathway,
} from '@lotse/domain';
import { CommandRunner, commandMetadata, RequestContext } from '../event-sourcing';
import { ELIGIBILITY_TABLES } from './guard.tokens';

/** What a reservation says of the pathway to be opened. */
export type PlannedPathway = Pick<ReservePathway['data'], 'pathwayId' | 'kind' | 'jurisdiction' | 'plannedStart' | 'plannedEnd'>;

/**
 * The measure-career guard's one consistency boundary: a participant's enrolment ledger. The
 * guard decides and the reservation is written in the same stream under optimistic concurrency,
 * so two requests that would each pass alone can never both pass, on every event store.
 */
@Injectable()
export class EnrolmentLedgerService {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(ELIGIBILITY_TABLES) private readonly tables: EligibilityTable[],
  ) {}

  load(participantId: string) {
    return this.runner.load(enrolmentStreamId(participantId), enrolmentLedgerDecider);
  }

  /** The guard's decision on a new pathway, with the eligibility table in force today; refused with the rule's code. */
  reserve(participant: RegisteredParticipantState, pathway: PlannedPathway, context: RequestContext) {
    const eligibility = eligibilityTableOn(this.tables, dayOf(context.now));
    if (!eligibility) throw new DomainError('not_eligible', `no eligibility table is in force on ${dayOf(context.now)}`);
    return this.change(
      participant.id,
      {
        type: 'ReservePathway',
        metadata: commandMetadata(context),
        data: {
          participantId: participant.id,
          ...pathway,
          residenceStatus: participant.residenceStatus,
          eligibility,
          entitlements: participant.entitlements.map(({ jurisdiction, from, to }) => ({ jurisdiction, from, ...(to ? { to } : {}) })),
        },
      },
      context,
    );
  }

  change(participantId: string, command: EnrolmentLedgerCommand, context: RequestContext) {
    return this.runner.run({ streamId: enrolmentStreamId(participantId), decider: enrolmentLedgerDecider, command, context });
  }
}
