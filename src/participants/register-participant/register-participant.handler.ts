import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { participantDecider } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import { AggregateStore, newAggregateId, RequestContext } from '../../event-sourcing';
import { DuplicateDetectionService } from '../../duplicates/duplicate-detection.service';
import { PersonalDataVault } from '../../personal-data';
import { RegisterParticipantDto } from '../dto/register-participant.dto';
import { WriteResult } from '../dto/participant.response';
import { participantStream, PersonalData } from '../participant-stream';

export class RegisterParticipant {
  constructor(readonly user: AuthenticatedUser, readonly context: RequestContext, readonly body: RegisterParticipantDto) {}
}

@CommandHandler(RegisterParticipant)
export class RegisterParticipantHandler implements ICommandHandler<RegisterParticipant, WriteResult> {
  constructor(private readonly aggregates: AggregateStore, private readonly vault: PersonalDataVault,
    private readonly duplicates: DuplicateDetectionService) {}

  async execute({ user, context, body }: RegisterParticipant): Promise<WriteResult> {
    assertSameMunicipality(user, body.municipality);
    const id = newAggregateId(context, 'participant');
    const personal: PersonalData = { givenName: body.givenName, familyName: body.familyName, birthDate: body.birthDate };
    const personalData = await this.vault.seal(id, personal);
    const result = await this.aggregates.handle(participantStream(id), participantDecider, () => ({
      type: 'RegisterParticipant' as const,
      metadata: { now: context.now, actor: context.actor },
      data: { participantId: id, municipality: body.municipality, residenceStatus: body.residenceStatus, personalData,
        entitlements: (body.entitlements ?? []).map((e, i) => ({ entitlementId: `${id}-e${i}`, ...e })) },
    }), context);
    await this.duplicates.registered(id, body.municipality, personal);
    return { id, version: result.version, position: result.position };
  }
}
