import { BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  dayOf,
  DomainError,
  isEnrolmentLedgerEvent,
  isPathwayEvent,
  Participant,
  participantDecider,
  participantStreamId,
  pathwayDecider,
  pathwayStreamId,
  PublishedOfferState,
  RecordCaseConference,
  RecordPathwayEnded,
  RegisteredParticipantState,
} from '@lotse/domain';
import { EVENT_STORE, EventStore } from '@lotse/event-store';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import {
  CommandRunner,
  commandMetadata,
  DEFAULT_FOLLOW_UP_POLICY,
  FollowUpPolicy,
  FollowUps,
  newAggregateId,
  RequestContext,
} from '../../event-sourcing';
import { EnrolmentLedgerService, PathwayFollowUp } from '../../guard';
import { WriteResult } from '../../http';
import { OfferPlaces, PlaceRequest } from '../../offers';
import { openPersonalData, PersonalDataVault } from '../../personal-data';
import { LEDGER_FOLLOW_UP_POLICY } from '../pathways.tokens';
import { OpenPathwayDto } from './open-pathway.dto';
import { openingOverrideFor } from './opening-override';

/** Long enough for any request that reserved to have opened its pathway, or to have given up. */
const ABANDONED_AFTER_MS = 5 * 60_000;

/**
 * A pathway's life in the guard's enrolment ledger, as one process across two streams (three with an offer):
 *
 * 1. reserve: the guard decides on the participant's ledger and reserves the period there;
 * 2. take a place: with an `offerId`, the offer's own stream hands out one of its places (OfferPlaces);
 * 3. open: the pathway's own stream is started;
 * 4. release: if opening failed, the reservation and the place are given back, or they would block others;
 * 5. follow up: when the pathway ends, or a case conference is held on it, the ledger records that;
 *    when it ends, its place in the offer is given back.
 *
 * The two streams cannot change in one append, so each later step follows an earlier one that
 * already happened. Steps 4 and 5 are retried until they are done (see FollowUps). What a crash
 * loses in between is caught up the next time the participant's ledger reserves: reservations
 * whose pathway was never opened are released, ends the ledger missed are recorded; places, before
 * their offer would refuse someone as full (OfferPlaces).
 */
@Injectable()
export class OpenPathwayProcess implements BeforeApplicationShutdown {
  private readonly logger = new Logger('OpenPathway');
  private readonly followUps: FollowUps;

  constructor(
    private readonly runner: CommandRunner,
    private readonly ledger: EnrolmentLedgerService,
    private readonly vault: PersonalDataVault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly places: OfferPlaces,
    @Optional() @Inject(LEDGER_FOLLOW_UP_POLICY) policy?: FollowUpPolicy,
  ) {
    this.followUps = new FollowUps(this.logger, policy ?? DEFAULT_FOLLOW_UP_POLICY);
  }

  async open(user: AuthenticatedUser, context: RequestContext, request: OpenPathwayDto): Promise<WriteResult> {
    const { state: participant, events } = await this.runner.load(participantStreamId(request.participantId), participantDecider);
    if (participant.status !== 'none') assertSameMunicipality(user, participant.municipality);
    // An unknown offer, or another municipality's, is refused before anything is written.
    const offer = request.offerId ? await this.places.offer(user, request.offerId) : undefined;
    const pathwayId = newAggregateId(context, 'pathway');
    const place =
      offer && participant.status === 'registered' ? await this.placeRequest(offer, pathwayId, participant, request, context) : undefined;
    if (place && offer) this.places.refuseEarly(offer, place, context);
    let birthDate: string | undefined;
    if (participant.status === 'registered') {
      // The age rule (R4) and PathwayOpened's ageAtStart need the sealed birth date; the key exists while the person is registered.
      birthDate = (await openPersonalData(this.vault, participant.id, events))?.birthDate;
      await this.catchUp(participant.id, context);
      await this.ledger.reserve(
        participant,
        {
          pathwayId,
          kind: request.kind,
          jurisdiction: request.jurisdiction,
          plannedStart: request.plannedStart,
          plannedEnd: request.plannedEnd,
        },
        context,
        birthDate,
      );
    }
    let placeState: 'none' | 'asked' | 'taken' = 'none';
    try {
      if (place) {
        placeState = 'asked';
        await this.places.take(place, context);
        placeState = 'taken';
      }
      return await this.openStream(pathwayId, user, context, request, participant, birthDate);
    } catch (error) {
      if (participant.status === 'registered' && (await this.runner.history(pathwayStreamId(pathwayId))).version < 0) {
        // A refusal of the place wrote nothing; any other failure may have come after the place was stored.
        const placeMayBeHeld = placeState === 'taken' || (placeState === 'asked' && !(error instanceof DomainError));
        await Promise.all([
          this.release(participant.id, pathwayId, context),
          place && placeMayBeHeld
            ? this.places.release(place.offerId, pathwayId, dayOf(context.now), 'opening_failed', context)
            : undefined,
        ]);
      }
      throw error;
    }
  }

  /**
   * Step 5 after a completion or an abort, with the offer the pathway held a place in; the ledger's
   * log position when it was recorded within the request.
   */
  async pathwayEnded(end: RecordPathwayEnded['data'], context: RequestContext, offerId?: string): Promise<number | undefined> {
    const [position] = await Promise.all([
      this.followUp(end.participantId, { type: 'RecordPathwayEnded', metadata: commandMetadata(context), data: end }, context),
      offerId ? this.places.release(offerId, end.pathwayId, end.endedOn, 'pathway_ended', context) : undefined,
    ]);
    return position;
  }

  /** Step 5 after a case step of kind `case_conference`: it lifts R3 for the pathways after it. */
  caseConferenceHeld(conference: RecordCaseConference['data'], context: RequestContext): Promise<number | undefined> {
    return this.followUp(
      conference.participantId,
      { type: 'RecordCaseConference', metadata: commandMetadata(context), data: conference },
      context,
    );
  }

  /** Follow-ups still to be done in the background. */
  get pendingFollowUps(): number {
    return this.followUps.pending;
  }

  /** Before the stores close: a follow-up running may finish, none starts. */
  beforeApplicationShutdown(): Promise<void> {
    return this.followUps.stop();
  }

  private async openStream(
    pathwayId: string,
    user: AuthenticatedUser,
    context: RequestContext,
    request: OpenPathwayDto,
    participant: Participant,
    birthDate: string | undefined,
  ): Promise<WriteResult> {
    // The id derives from the Idempotency-Key: an existing stream is this request's own earlier attempt
    // that opened the pathway but never answered, so it gets that answer now.
    if (context.idempotencyKey) {
      const earlier = await this.runner.history(pathwayStreamId(pathwayId));
      if (earlier.version >= 0) return { id: pathwayId, version: earlier.version, position: earlier.events.at(-1)?.globalPosition ?? 0 };
    }
    const goal = participant.status === 'registered' ? await this.vault.seal(participant.id, request.goal) : '';
    const result = await this.runner.run({
      streamId: pathwayStreamId(pathwayId),
      decider: pathwayDecider,
      context,
      // A random id, or one seen empty just above: no read before the append.
      newStream: true,
      command: {
        type: 'OpenPathway',
        metadata: commandMetadata(context),
        data: {
          pathwayId,
          participant: {
            id: request.participantId,
            status: participant.status,
            municipality: participant.status === 'none' ? undefined : participant.municipality,
          },
          kind: request.kind,
          jurisdiction: request.jurisdiction,
          provider: request.provider,
          goal,
          plannedStart: request.plannedStart,
          plannedEnd: request.plannedEnd,
          coachId: user.sub,
          ...(birthDate ? { birthDate } : {}),
          ...(request.offerId ? { offerId: request.offerId } : {}),
        },
      },
    });
    return { id: pathwayId, version: result.version, position: result.position };
  }

  /** What step 2 asks of the offer. A status it opens only case by case needs the coordinator's override of `not_eligible` from the ledger. */
  private async placeRequest(
    offer: PublishedOfferState,
    pathwayId: string,
    participant: RegisteredParticipantState,
    request: OpenPathwayDto,
    context: RequestContext,
  ): Promise<PlaceRequest> {
    const { residenceStatus } = participant;
    const byDecision = !offer.openTo.includes(residenceStatus) && offer.openingPossible.includes(residenceStatus);
    const overrideId = byDecision
      ? openingOverrideFor((await this.ledger.load(participant.id)).state, request.kind, dayOf(context.now))
      : undefined;
    return {
      offerId: offer.offerId,
      pathwayId,
      municipality: participant.municipality,
      kind: request.kind,
      jurisdiction: request.jurisdiction,
      plannedStart: request.plannedStart,
      residenceStatus,
      ...(overrideId ? { notEligibleOverrideId: overrideId } : {}),
    };
  }

  /** Step 4: the reservation must not outlive a pathway that was never opened. */
  private release(participantId: string, pathwayId: string, context: RequestContext): Promise<number | undefined> {
    return this.followUp(
      participantId,
      { type: 'ReleaseReservation', metadata: commandMetadata(context), data: { participantId, pathwayId } },
      context,
    );
  }

  private followUp(participantId: string, command: PathwayFollowUp, context: RequestContext): Promise<number | undefined> {
    return this.followUps.run(`${command.type} on the enrolment ledger of ${participantId}`, async () => {
      const result = await this.ledger.followUp(participantId, command, context);
      return result.events.length > 0 ? result.position : undefined;
    });
  }

  /**
   * What a crash between two steps left undone, caught up before the guard decides again: a
   * reservation older than a few minutes whose pathway stream is still empty is released (it
   * would block the person for good); a pathway that ended without the ledger knowing is
   * recorded as ended (the guard would count it as running).
   */
  private async catchUp(participantId: string, context: RequestContext): Promise<void> {
    const { state, events } = await this.ledger.load(participantId);
    const cutoff = Date.parse(context.now) - ABANDONED_AFTER_MS;
    const reservedAt = new Map<string, string>();
    for (const event of events)
      if (isEnrolmentLedgerEvent(event) && event.type === 'PathwayReserved') reservedAt.set(event.data.pathwayId, event.data.reservedAt);
    const active = state.pathways.filter((p) => p.status === 'active');
    // Side by side rather than one after another: each opening looks at every active pathway.
    const lastEvents = await Promise.all(
      active.map(({ pathwayId }) => this.store.readStream(pathwayStreamId(pathwayId), { direction: 'backwards', maxCount: 1 })),
    );
    for (const [i, { pathwayId }] of active.entries()) {
      const [last] = lastEvents[i];
      const reserved = reservedAt.get(pathwayId);
      if (!last) {
        if (reserved === undefined || Date.parse(reserved) > cutoff) continue;
        this.logger.warn(`releasing reservation ${pathwayId} of ${participantId}: its pathway was never opened`);
        await this.ledger.change(
          participantId,
          { type: 'ReleaseReservation', metadata: commandMetadata(context), data: { participantId, pathwayId } },
          context,
        );
      } else if (isPathwayEvent(last) && (last.type === 'PathwayCompleted' || last.type === 'PathwayAborted')) {
        this.logger.warn(`recording the end of pathway ${pathwayId} of ${participantId}, which the ledger missed`);
        await this.ledger.change(
          participantId,
          {
            type: 'RecordPathwayEnded',
            metadata: commandMetadata(context),
            data: {
              participantId,
              pathwayId,
              status: last.type === 'PathwayCompleted' ? 'completed' : 'aborted',
              outcome: last.data.outcome,
              endedOn: last.data.endedOn,
            },
          },
          context,
        );
      }
    }
  }
}
