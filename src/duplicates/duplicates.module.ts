import { Global, Module, OnModuleInit } from '@nestjs/common';
import { DismissDuplicateHandler } from './commands/dismiss-duplicate';
import { MergeParticipantsHandler } from './commands/merge-participants';
import { DuplicateDetectionService } from './duplicate-detection.service';
import { DuplicatesController } from './duplicates.controller';
import { ListDuplicatesHandler } from './queries/list-duplicates';

@Global()
@Module({
  controllers: [DuplicatesController],
  providers: [DuplicateDetectionService, MergeParticipantsHandler, DismissDuplicateHandler, ListDuplicatesHandler],
  exports: [DuplicateDetectionService],
})
export class DuplicatesModule implements OnModuleInit {
  constructor(private readonly detection: DuplicateDetectionService) {}

  onModuleInit(): Promise<void> {
    return this.detection.init();
  }
}
