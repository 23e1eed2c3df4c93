import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { participantDecider, participantStreamId } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import { DuplicateDetectionService } from '../../duplicates';
import { CommandRunner, commandMetadata, newAggregateId, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { PersonalData, PersonalDataVault } from '../../personal-data';
import { RegisterParticipantDto } from './register-participant.dto';

export class RegisterParticipantRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly body: RegisterParticipantDto,
  ) {}
}

/** A young person joins: the name and birth date are sealed with a key of their own, and filed for duplicate detection. */
@CommandHandler(RegisterParticipantRequest)
export class RegisterParticipantHandler implements ICommandHandler<RegisterParticipantRequest, WriteResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: PersonalDataVault,
    private readonly duplicates: DuplicateDetectionService,
  ) {}

  async execute({ user, context, body }: RegisterParticipantRequest): Promise<WriteResult> {
    assertSameMunicipality(user, body.municipality);
    const id = newAggregateId(context, 'participant');
    const personal: PersonalData = { givenName: body.givenName, familyName: body.familyName, birthDate: body.birthDate };
    const personalData = await this.vault.seal(id, personal);
    const result = await this.runner.run({
      streamId: participantStreamId(id),
      decider: participantDecider,
      context,
      command: {
        type: 'RegisterParticipant',
        metadata: commandMetadata(context),
        data: {
          participantId: id,
          municipality: body.municipality,
          residenceStatus: body.residenceStatus,
          personalData,
          entitlements: (body.entitlements ?? []).map((e, i) => ({ entitlementId: `${id}-e${i}`, ...e })),
        },
      },
    });
    await this.duplicates.registered(id, body.municipality, personal);
    return { id, version: result.version, position: result.position };
  }
}
