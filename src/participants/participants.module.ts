import { Module } from '@nestjs/common';
import { ChangeParticipantHandler } from './commands/change-participant';
import { ErasePersonalDataHandler } from './commands/erase-personal-data';
import { RegisterParticipantHandler } from './commands/register-participant';
import { ParticipantsController } from './participants.controller';
import { GetParticipantHandler } from './queries/get-participant';

@Module({
  controllers: [ParticipantsController],
  providers: [RegisterParticipantHandler, ChangeParticipantHandler, ErasePersonalDataHandler, GetParticipantHandler],
})
export class ParticipantsModule {}
