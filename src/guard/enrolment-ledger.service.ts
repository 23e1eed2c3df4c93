import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, EligibilityTable, eligibilityTableOn, EnrolmentLedger, enrolmentLedgerDecider, EnrolmentLedgerEvent, enrolmentStreamId,
  EnrolmentLedgerCommand, Participant, dayOf } from '@lotse/domain';
import { EVENT_STORE, EventStore } from '@lotse/event-store';
import { AggregateStore, RequestContext } from '../event-sourcing';
import { pathwayStream } from '../pathways/pathway-stream';
import { ELIGIBILITY_TABLES } from './eligibility-tables';

/** Long enough for any request that reserved to have opened its pathway, or to have given up. */
const ABANDONED_AFTER_MS = 5 * 60_000;

type LedgerChange = (metadata: { now: string; actor: string }) => EnrolmentLedgerCommand;

/**
 * The measure-career guard's one consistency boundary: a participant's enrolment ledger. The
 * guard decides and the reservation is written in the same stream under optimistic concurrency,
 * so two requests that would each pass alone can never both pass, on every event store.
 */
@Injectable()
export class EnrolmentLedgerService {
  private readonly logger = new Logger('EnrolmentLedger');

  constructor(private readonly aggregates: AggregateStore, @Inject(ELIGIBILITY_TABLES) private readonly tables: EligibilityTable[],
    @Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * A reservation whose pathway never got opened (the process died between the two appends) would
   * block the person for good. Before a new reservation, reservations older than a few minutes
   * whose pathway stream is still empty are released.
   */
  async releaseAbandoned(participantId: string, context: RequestContext): Promise<number> {
    const { state, events } = await this.aggregates.load<EnrolmentLedgerEvent, EnrolmentLedger>(enrolmentStreamId(participantId), enrolmentLedgerDecider);
    const cutoff = Date.parse(context.now) - ABANDONED_AFTER_MS;
    let released = 0;
    for (const event of events) {
      if (event.type !== 'PathwayReserved' || Date.parse(String(event.data.reservedAt)) > cutoff) continue;
      const pathwayId = String(event.data.pathwayId);
      if (!state.pathways.some((p) => p.pathwayId === pathwayId && p.status === 'active')) continue;
      if ((await this.store.readStream(pathwayStream(pathwayId), { maxCount: 1 })).length > 0) continue;
      this.logger.warn(`releasing reservation ${pathwayId} of ${participantId}: its pathway was never opened`);
      await this.change(participantId, (metadata) => ({ type: 'ReleaseReservation', metadata, data: { participantId, pathwayId } }), context);
      released += 1;
    }
    return released;
  }

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

  /**
   * Follow-up bookkeeping after the pathway itself changed: logged, never failing the request it
   * follows. Returns the log position it wrote at, which comes after the pathway's own event.
   */
  async record(participantId: string, command: LedgerChange, context: RequestContext): Promise<number | undefined> {
    try {
      const result = await this.change(participantId, command, context);
      return result.events.length > 0 ? result.position : undefined;
    } catch (error) {
      this.logger.error(`enrolment ledger of ${participantId} not updated: ${(error as Error).message}`);
      return undefined;
    }
  }
}

type EnrolmentKind = Extract<EnrolmentLedgerCommand, { type: 'ReservePathway' }>['data']['kind'];
type EnrolmentJurisdiction = Extract<EnrolmentLedgerCommand, { type: 'ReservePathway' }>['data']['jurisdiction'];
