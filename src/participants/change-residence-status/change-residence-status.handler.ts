import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, Entitlement, ParticipantCommand, participantDecider, ResidenceStatus } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import { AggregateStore, newAggregateId, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../dto/participant.response';
import { participantStream } from '../participant-stream';

type Change =
  | { type: 'ChangeResidenceStatus'; residenceStatus: ResidenceStatus; changedOn: string }
  | { type: 'AddEntitlement'; entitlement: Omit<Entitlement, 'entitlementId'> }
  | { type: 'EndEntitlement'; entitlementId: string; to: string };

/** Every change to a registered participant: same load, tenant check, decide and append. */
export class ChangeParticipant {
  constructor(readonly user: AuthenticatedUser, readonly context: RequestContext, readonly participantId: string,
    readonly change: Change, readonly ifMatch?: number) {}
}

@CommandHandler(ChangeParticipant)
export class ChangeParticipantHandler implements ICommandHandler<ChangeParticipant, WriteResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ user, context, participantId, change, ifMatch }: ChangeParticipant): Promise<WriteResult> {
    const entitlementId = change.type === 'AddEntitlement' ? newAggregateId(context, `entitlement-${participantId}`) : '';
    const result = await this.aggregates.handle(participantStream(participantId), participantDecider, (state): ParticipantCommand => {
      if (state.status === 'none') throw new DomainError('not_found', `no participant ${participantId}`);
      assertSameMunicipality(user, state.municipality);
      const metadata = { now: context.now, actor: context.actor };
      switch (change.type) {
        case 'ChangeResidenceStatus':
          return { type: change.type, metadata, data: { residenceStatus: change.residenceStatus, changedOn: change.changedOn } };
        case 'AddEntitlement':
          return { type: change.type, metadata, data: { entitlement: { entitlementId, ...change.entitlement } } };
        case 'EndEntitlement':
          return { type: change.type, metadata, data: { entitlementId: change.entitlementId, to: change.to } };
      }
    }, context, ifMatch);
    return { id: change.type === 'AddEntitlement' ? entitlementId : participantId, version: result.version, position: result.position };
  }
}
