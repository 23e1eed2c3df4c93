import { Inject, Injectable } from '@nestjs/common';
import {
  dayOf,
  DomainError,
  EligibilityTable,
  eligibilityTableOn,
  EnrolmentLedgerCommand,
  enrolmentLedgerDecider,
  enrolmentStreamId,
  guardDecisionsStreamId,
  GuardRefused,
  RecordCaseConference,
  RecordPathwayEnded,
  RegisteredParticipantState,
  ReleaseReservation,
  ReservePathway,
} from '@lotse/domain';
import { CommandRunner, commandMetadata, RequestContext } from '../event-sourcing';
import { ELIGIBILITY_TABLES } from './guard.tokens';

/** What happens to a pathway after the guard let it through: its ledger entry follows the participant's registration. */
export type PathwayFollowUp = RecordPathwayEnded | RecordCaseConference | ReleaseReservation;

const addressedTo = <C extends PathwayFollowUp>(command: C, participantId: string): C => ({
  ...command,
  data: { ...command.data, participantId },
});

/** Merges chain at most this deep in practice; the bound only stops a corrupted log from looping. */
const MAX_MERGE_HOPS = 10;

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

  /** The ledger now, or as it was at a past moment of the log (`until`: a position or an ISO time). */
  load(participantId: string, until?: number | string) {
    return this.runner.load(enrolmentStreamId(participantId), enrolmentLedgerDecider, until);
  }

  /**
   * The guard's decision on a new pathway, with the eligibility table in force today; refused with the rule's code.
   * `birthDate`, opened from the sealed personal data, serves the age rule and is not stored.
   */
  async reserve(participant: RegisteredParticipantState, pathway: PlannedPathway, context: RequestContext, birthDate?: string) {
    const eligibility = eligibilityTableOn(this.tables, dayOf(context.now));
    if (!eligibility) throw new DomainError('not_eligible', `no eligibility table is in force on ${dayOf(context.now)}`);
    try {
      return await this.change(
        participant.id,
        {
          type: 'ReservePathway',
          metadata: commandMetadata(context),
          data: {
            participantId: participant.id,
            ...pathway,
            residenceStatus: participant.residenceStatus,
            eligibility,
            ...(birthDate ? { birthDate } : {}),
            entitlements: participant.entitlements.map(({ jurisdiction, from, to }) => ({ jurisdiction, from, ...(to ? { to } : {}) })),
          },
        },
        context,
      );
    } catch (error) {
      // Recorded before it is answered: a refusal the record could not be stored for is answered as the failure it is.
      if (error instanceof GuardRefused) await this.runner.record(guardDecisionsStreamId(participant.id), [error.decision], context);
      throw error;
    }
  }

  change(participantId: string, command: EnrolmentLedgerCommand, context: RequestContext) {
    return this.runner.run({ streamId: enrolmentStreamId(participantId), decider: enrolmentLedgerDecider, command, context });
  }

  /**
   * A follow-up about one of the participant's pathways. Once the participant was merged into another
   * registration, their ledger is closed and its entries live in the survivor's: the follow-up goes
   * there, or the end of a merged-away pathway would never reach the ledger the guard decides on.
   */
  async followUp(
    participantId: string,
    command: PathwayFollowUp,
    context: RequestContext,
    hops = 0,
  ): ReturnType<EnrolmentLedgerService['change']> {
    try {
      return await this.change(participantId, command, context);
    } catch (error) {
      const mergedInto = error instanceof DomainError && error.code === 'ledger_closed' ? error.details.mergedInto : undefined;
      if (typeof mergedInto !== 'string' || hops >= MAX_MERGE_HOPS) throw error;
      return this.followUp(mergedInto, addressedTo(command, mergedInto), context, hops + 1);
    }
  }
}
