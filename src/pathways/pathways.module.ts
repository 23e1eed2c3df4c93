import { Module } from '@nestjs/common';
import { ChangePathwayHandler } from './commands/change-pathway';
import { OpenPathwayHandler } from './commands/open-pathway';
import { PathwaysController } from './pathways.controller';
import { GetPathwayHandler } from './queries/get-pathway';
import { ListPathwaysHandler } from './queries/list-pathways';

@Module({
  controllers: [PathwaysController],
  providers: [OpenPathwayHandler, ChangePathwayHandler, GetPathwayHandler, ListPathwaysHandler],
})
export class PathwaysModule {}
