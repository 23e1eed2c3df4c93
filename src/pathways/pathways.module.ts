import { Module } from '@nestjs/common';
import { ChangePathwayHandler } from './commands/change-pathway';
import { OpenPathwayHandler } from './commands/open-pathway';
import { PathwaysController } from './pathways.controller';
import { GetPathwayHandler } from './queries/get-pathway';

@Module({
  controllers: [PathwaysController],
  providers: [OpenPathwayHandler, ChangePathwayHandler, GetPathwayHandler],
})
export class PathwaysModule {}
