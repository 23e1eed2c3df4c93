import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, EligibilityTable, eligibilityTableOn, enrolmentLedgerDecider, enrolmentStreamId, EnrolmentLedgerCommand,
  Participant, dayOf } from '@lotse/domain';
import { AggregateStore, RequestContext } from '../event-sourcing';
import { ELIGIBILITY_TABLES } from './eligibility-tables';

type LedgerChange = (metadata: { now: string; actor: string }) => EnrolmentLedgerCommand;

/**
 * The measure-career guard's one consistency boundary: a participant's enrolment ledger. The
 * guard decides and the reservation is written in the same stream under optimistic concurrency,
 * so two requests that would each pass alone can never both pass, on every event store.
 */
@Injectable()
export class EnrolmentLedgerService {
  private readonly logger = new Logger('EnrolmentLedger');

  constructor(private readonly aggregates: AggregateStore, @Inject(ELIGIBILITY_TABLES) private readonly tables: EligibilityTable[]) {}

  reserve(participant: Exclude<Participant, { status: 'none' }>, pathway: { pathwayId: string; kind: EnrolmentKind; jurisdiction: EnrolmentJurisdiction;
    plannedStart: string; plannedEnd: string }, context: RequestContext) {
    const eligibility = eligibilityTableOn(this.tables, dayOf(context.now));
    if (!eligibility) throw new DomainError('not_eligible', `no eligibility table is in force on ${dayOf(context.now)}`);
    return this.change(participant.id, (metadata) => ({ type: 'ReservePathway', metadata, data: { participantId: participant.id, ...pathway,
      residenceStatus: participant.residenceStatus, eligibility,
      entitlements: participant.entitlements.map(({ jurisdiction, from, to }) => ({ jurisdiction, from, ...(to ? { to } : {}) })) } }), context);
  }

  change(participantId: string, command: LedgerChange, context: RequestContext) {
    return this.aggregates.handle(enrolmentStreamId(participantId), enrolmentLedgerDecider,
      () => command({ now: context.now, actor: context.actor }), context);
  }

  /** Follow-up bookkeeping after the pathway itself changed: logged, never failing the request it follows. */
  async record(participantId: string, command: LedgerChange, context: RequestContext): Promise<void> {
    try {
      await this.change(participantId, command, context);
    } catch (error) {
      this.logger.error(`enrolment ledger of ${participantId} not updated: ${(error as Error).message}`);
    }
  }
}

type EnrolmentKind = Extract<EnrolmentLedgerCommand, { type: 'ReservePathway' }>['data']['kind'];
type EnrolmentJurisdiction = Extract<EnrolmentLedgerCommand, { type: 'ReservePathway' }>['data']['jurisdiction'];
