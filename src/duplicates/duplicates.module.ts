import { Global, Module } from '@nestjs/common';
import { SIDE_STORE, SideStore } from '../database';
import { DismissDuplicateHandler } from './commands/dismiss-duplicate';
import { MergeParticipantsHandler } from './commands/merge-participants';
import { DuplicateDetectionService } from './duplicate-detection.service';
import { DuplicatesController } from './duplicates.controller';
import { MATCH_KEY_STORE } from './match-key-store';
import { openMatchKeyStore } from './open-match-key-store';
import { ListDuplicatesHandler } from './queries/list-duplicates';

@Global()
@Module({
  controllers: [DuplicatesController],
  providers: [
    { provide: MATCH_KEY_STORE, inject: [SIDE_STORE], useFactory: (side: SideStore) => openMatchKeyStore(side) },
    DuplicateDetectionService, MergeParticipantsHandler, DismissDuplicateHandler, ListDuplicatesHandler],
  exports: [DuplicateDetectionService],
})
export class DuplicatesModule {}
