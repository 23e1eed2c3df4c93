import { BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  dayOf,
  DomainError,
  isOfferEvent,
  isPathwayEvent,
  offerDecider,
  offerStreamId,
  pathwayStreamId,
  PlaceReleaseReason,
  placesOn,
  PublishedOfferState,
  TakePlace,
} from '@lotse/domain';
import { EVENT_STORE, EventStore } from '@lotse/event-store';
import { AuthenticatedUser } from '../auth';
import { CommandRunner, commandMetadata, DEFAULT_FOLLOW_UP_POLICY, FollowUpPolicy, FollowUps, RequestContext } from '../event-sourcing';
import { OfferAccess } from './offer-access';
import { PLACE_FOLLOW_UP_POLICY } from './offers.tokens';

/** Long enough for any request that took a place to have opened its pathway, or to have given up. */
const ABANDONED_AFTER_MS = 5 * 60_000;

/** What a pathway about to open brings to take a place. */
export type PlaceRequest = TakePlace['data'] & { offerId: string };

/**
 * The places pathways take in offers. Taking is a command on the offer's own stream, so the count
 * of places held is an invariant of one stream: of two openings racing for the last place one
 * appends, the other is decided again on the newer state and refused `offer_full`. Giving a place
 * back follows a pathway that ended or was never opened, so it cannot fail the request: it is
 * retried until done (FollowUps), and what a crash loses is caught up before the offer would
 * refuse someone as full.
 */
@Injectable()
export class OfferPlaces implements BeforeApplicationShutdown {
  private readonly logger = new Logger('OfferPlaces');
  private readonly followUps: FollowUps;

  constructor(
    private readonly runner: CommandRunner,
    private readonly offers: OfferAccess,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(PLACE_FOLLOW_UP_POLICY) policy?: FollowUpPolicy,
  ) {
    this.followUps = new FollowUps(this.logger, policy ?? DEFAULT_FOLLOW_UP_POLICY);
  }

  /** The offer a new pathway names, inside the caller's municipality: asked before anything is written. */
  offer(user: AuthenticatedUser, offerId: string): Promise<PublishedOfferState> {
    return this.offers.published(user, offerId);
  }

  /**
   * The offer's refusal as this process knows the offer, before the guard's ledger is written:
   * its period, kind and who may join do not race. Whether a place is free does (and a crash's
   * leftovers may yet be given back), so that is left to `take`.
   */
  refuseEarly(offer: PublishedOfferState, { offerId: _offerId, ...place }: PlaceRequest, context: RequestContext): void {
    try {
      offerDecider.decide({ type: 'TakePlace', metadata: commandMetadata(context), data: place }, offer);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'offer_full') throw error;
    }
  }

  /** A place for the pathway, or the offer's refusal (`offer_closed`, `offer_mismatch`, `offer_not_open_to_status`, `offer_full`). */
  async take({ offerId, ...place }: PlaceRequest, context: RequestContext): Promise<void> {
    const { state } = await this.runner.state(offerStreamId(offerId), offerDecider);
    if (
      state.status === 'published' &&
      state.held.length >= placesOn(state, place.plannedStart) &&
      (await this.catchUp(offerId, context))
    ) {
      this.logger.warn(`places of offer ${offerId} were held by pathways that had ended or never opened; given back`);
    }
    await this.runner.run({
      streamId: offerStreamId(offerId),
      decider: offerDecider,
      context,
      command: { type: 'TakePlace', metadata: commandMetadata(context), data: place },
    });
  }

  /** Gives the place back; the offer stream's log position when that happened within the request. */
  release(
    offerId: string,
    pathwayId: string,
    releasedOn: string,
    reason: PlaceReleaseReason,
    context: RequestContext,
  ): Promise<number | undefined> {
    return this.followUps.run(`giving back the place of pathway ${pathwayId} in offer ${offerId}`, async () => {
      const result = await this.releaseNow(offerId, pathwayId, releasedOn, reason, context);
      return result.events.length > 0 ? result.position : undefined;
    });
  }

  /** Places still to be given back in the background. */
  get pendingFollowUps(): number {
    return this.followUps.pending;
  }

  /** Before the stores close: a follow-up running may finish, none starts. */
  beforeApplicationShutdown(): Promise<void> {
    return this.followUps.stop();
  }

  /**
   * Places a crash left held: a pathway that ended without its place being given back, or a
   * place taken more than a few minutes ago for a pathway whose stream is still empty. Whether
   * any was given back.
   */
  private async catchUp(offerId: string, context: RequestContext): Promise<boolean> {
    const { state, events } = await this.runner.load(offerStreamId(offerId), offerDecider);
    if (state.status !== 'published') return false;
    const cutoff = Date.parse(context.now) - ABANDONED_AFTER_MS;
    const takenAt = new Map<string, string>();
    for (const event of events)
      if (isOfferEvent(event) && event.type === 'PlaceTaken') takenAt.set(event.data.pathwayId, event.data.takenAt);
    let released = false;
    for (const pathwayId of state.held) {
      const [last] = await this.store.readStream(pathwayStreamId(pathwayId), { direction: 'backwards', maxCount: 1 });
      const taken = takenAt.get(pathwayId);
      if (!last) {
        if (taken === undefined || Date.parse(taken) > cutoff) continue;
        await this.releaseNow(offerId, pathwayId, dayOf(context.now), 'opening_failed', context);
        released = true;
      } else if (isPathwayEvent(last) && (last.type === 'PathwayCompleted' || last.type === 'PathwayAborted')) {
        await this.releaseNow(offerId, pathwayId, last.data.endedOn, 'pathway_ended', context);
        released = true;
      }
    }
    return released;
  }

  private releaseNow(offerId: string, pathwayId: string, releasedOn: string, reason: PlaceReleaseReason, context: RequestContext) {
    return this.runner.run({
      streamId: offerStreamId(offerId),
      decider: offerDecider,
      context,
      command: { type: 'ReleasePlace', metadata: commandMetadata(context), data: { pathwayId, releasedOn, reason } },
    });
  }
}
