import { Module, OnModuleInit } from '@nestjs/common';
import { EventSourcingModule } from '../event-sourcing';
import { GuardModule } from '../guard';
import { PersonalDataModule } from '../personal-data';
import { DismissDuplicateHandler } from './dismiss-duplicate/dismiss-duplicate.handler';
import { DismissDuplicateRoute } from './dismiss-duplicate/dismiss-duplicate.route';
import { DuplicateDetectionService } from './duplicate-detection.service';
import { DuplicatePairsRoute } from './duplicate-pairs/duplicate-pairs.route';
import { ListDuplicatesHandler } from './duplicate-pairs/list-duplicates.handler';
import { MergeParticipantsHandler } from './merge-participants/merge-participants.handler';
import { MergeParticipantsRoute } from './merge-participants/merge-participants.route';

/** Duplicate detection and merging; participants import it to file each registration. */
@Module({
  imports: [EventSourcingModule, PersonalDataModule, GuardModule],
  controllers: [DuplicatePairsRoute, MergeParticipantsRoute, DismissDuplicateRoute],
  providers: [DuplicateDetectionService, MergeParticipantsHandler, DismissDuplicateHandler, ListDuplicatesHandler],
  exports: [DuplicateDetectionService],
})
export class DuplicatesModule implements OnModuleInit {
  constructor(private readonly detection: DuplicateDetectionService) {}

  onModuleInit(): Promise<void> {
    return this.detection.init();
  }
}
