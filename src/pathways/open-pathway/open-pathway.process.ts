import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Participant, ParticipantEvent, participantDecider, pathwayDecider } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import { AggregateStore, newAggregateId, RequestContext } from '../../event-sourcing';
import { participantStream } from '../../participants';
import { EnrolmentLedgerService } from '../../guard';
import { PersonalDataVault } from '../../personal-data';
import { OpenPathwayDto } from '../dto/open-pathway.dto';
import { pathwayStream } from '../pathway-stream';

export class OpenPathway {
  constructor(readonly user: AuthenticatedUser, readonly context: RequestContext, readonly body: OpenPathwayDto) {}
}

export interface OpenedPathway { id: string; version: number; position: number }

@CommandHandler(OpenPathway)
export class OpenPathwayHandler implements ICommandHandler<OpenPathway, OpenedPathway> {
  constructor(private readonly aggregates: AggregateStore, private readonly vault: PersonalDataVault,
    private readonly ledger: EnrolmentLedgerService) {}

  async execute({ user, context, body }: OpenPathway): Promise<OpenedPathway> {
    const { state: participant } = await this.aggregates.load<ParticipantEvent, Participant>(participantStream(body.participantId), participantDecider);
    if (participant.status !== 'none') assertSameMunicipality(user, participant.municipality);
    const id = newAggregateId(context, 'pathway');
    if (participant.status === 'registered') {
      await this.ledger.releaseAbandoned(body.participantId, context);
      await this.ledger.reserve(participant, { pathwayId: id, kind: body.kind, jurisdiction: body.jurisdiction,
        plannedStart: body.plannedStart, plannedEnd: body.plannedEnd }, context);
    }
    try {
      return await this.open(id, user, context, body, participant);
    } catch (error) {
      // The reservation must not outlive a pathway that was never opened, or it would block the person's next one.
      if (participant.status === 'registered' && (await this.aggregates.history(pathwayStream(id))).version < 0) {
        await this.ledger.record(body.participantId, (metadata) => ({ type: 'ReleaseReservation', metadata,
          data: { participantId: body.participantId, pathwayId: id } }), context);
      }
      throw error;
    }
  }

  private async open(id: string, user: AuthenticatedUser, context: RequestContext, body: OpenPathwayDto, participant: Participant): Promise<OpenedPathway> {
    // The id derives from the Idempotency-Key: an existing stream is this request's own earlier attempt
    // that opened the pathway but never answered, so it gets that answer now.
    if (context.idempotencyKey) {
      const earlier = await this.aggregates.history(pathwayStream(id));
      if (earlier.version >= 0) return { id, version: earlier.version, position: earlier.events.at(-1)?.globalPosition ?? 0 };
    }
    const result = await this.aggregates.handle(pathwayStream(id), pathwayDecider, async () => ({
      type: 'OpenPathway' as const,
      metadata: { now: context.now, actor: context.actor },
      data: {
        pathwayId: id,
        participant: { id: body.participantId, status: participant.status,
          municipality: participant.status === 'none' ? undefined : participant.municipality },
        kind: body.kind, jurisdiction: body.jurisdiction, provider: body.provider,
        goal: participant.status === 'registered' ? await this.vault.seal(body.participantId, body.goal) : '',
        plannedStart: body.plannedStart, plannedEnd: body.plannedEnd, coachId: user.sub,
      },
    }), context);
    return { id, version: result.version, position: result.position };
  }
}
