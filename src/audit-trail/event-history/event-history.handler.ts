import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@lotse/domain';
import { EVENT_STORE, EventStore, GENESIS_HASH, StoredEvent } from '@lotse/event-store';
import { actsIn, AuthenticatedUser } from '../../auth';
import { PersonalDataVault, UnsealError } from '../../personal-data';
import { StreamOwner, StreamOwnership } from '../stream-ownership';
import { AuditedEvent, EventHistory } from './event-history.response';
import { replaceSealed, SealedField } from './sealed-fields';

export class GetEventHistory {
  constructor(
    readonly user: AuthenticatedUser,
    readonly streamId: string,
    readonly fromVersion: number,
    readonly until: number | string | undefined,
    readonly unseal: boolean,
  ) {}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One stream's events with their whole envelope, as an auditor reads them. */
@QueryHandler(GetEventHistory)
export class GetEventHistoryHandler implements IQueryHandler<GetEventHistory, EventHistory> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly ownership: StreamOwnership,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ user, streamId, fromVersion, until, unseal }: GetEventHistory): Promise<EventHistory> {
    const owner = await this.ownership.of(streamId);
    // Another municipality's stream is answered like one that does not exist: a 403 would confirm it does.
    if (!owner || !actsIn(user, owner.municipality)) throw new DomainError('not_found', `no stream ${streamId}`);
    const stored = await this.store.readStream(streamId, until === undefined ? {} : { until });
    const erased = owner.participantId !== null && (await this.vault.isErased(owner.participantId));
    const events: AuditedEvent[] = [];
    let previousHash = GENESIS_HASH;
    for (const event of stored) {
      if (event.streamVersion >= fromVersion) events.push(await this.envelope(event, previousHash, owner, erased, unseal));
      previousHash = event.hash;
    }
    return { streamId, municipality: owner.municipality, participantId: owner.participantId, erased, unsealed: unseal && !erased, events };
  }

  private async envelope(
    event: StoredEvent,
    previousHash: string,
    owner: StreamOwner,
    erased: boolean,
    unseal: boolean,
  ): Promise<AuditedEvent> {
    const { metadata } = event;
    const show = async (sealed: string): Promise<SealedField> => {
      if (erased) return { sealed: true, erased: true };
      if (!unseal) return { sealed: true };
      return this.open(sealed, keyOwners(owner, event));
    };
    return {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      actor: metadata.actor,
      role: metadata.role,
      municipality: metadata.municipality,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      occurredAt: metadata.occurredAt,
      recordedAt: event.recordedAt,
      version: event.streamVersion,
      position: event.globalPosition,
      hash: event.hash,
      previousHash,
      data: (await replaceSealed(event.data, show)) as Record<string, unknown>,
    };
  }

  /** A value is sealed with one person's key; which one is tried in turn, as a merge's reason is sealed by the survivor's. */
  private async open(sealed: string, candidates: string[]): Promise<SealedField> {
    for (const participantId of candidates) {
      try {
        // No key (an id that names no person, or an erased one): not this candidate.
        const value = await this.vault.open<unknown>(participantId, sealed);
        if (typeof value !== 'symbol') return { sealed: false, value };
      } catch (error) {
        if (!(error instanceof UnsealError)) throw error;
      }
    }
    return { sealed: true };
  }
}

/** The stream's owner first, then every participant id the event names (a merge's survivor seals its reason). */
const keyOwners = (owner: StreamOwner, event: StoredEvent): string[] => {
  const named = Object.values(event.data).filter((value): value is string => typeof value === 'string' && UUID.test(value));
  return [...new Set([...(owner.participantId ? [owner.participantId] : []), ...named])];
};
