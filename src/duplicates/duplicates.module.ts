import { Module } from '@nestjs/common';
import { SIDE_STORE, SideStore } from '../database';
import { EventSourcingModule } from '../event-sourcing';
import { GuardModule } from '../guard';
import { PersonalDataModule } from '../personal-data';
import { DismissDuplicateHandler } from './dismiss-duplicate/dismiss-duplicate.handler';
import { DismissDuplicateRoute } from './dismiss-duplicate/dismiss-duplicate.route';
import { DuplicateDetectionService } from './duplicate-detection.service';
import { DuplicatePairsRoute } from './duplicate-pairs/duplicate-pairs.route';
import { ListDuplicatesHandler } from './duplicate-pairs/list-duplicates.handler';
import { MATCH_KEY_STORE } from './duplicates.tokens';
import { MergeParticipantsHandler } from './merge-participants/merge-participants.handler';
import { MergeParticipantsRoute } from './merge-participants/merge-participants.route';
import { openMatchKeyStore } from './open-match-key-store';

/** Duplicate detection and merging; participants import it to file each registration. */
@Module({
  imports: [EventSourcingModule, PersonalDataModule, GuardModule],
  controllers: [DuplicatePairsRoute, MergeParticipantsRoute, DismissDuplicateRoute],
  providers: [
    { provide: MATCH_KEY_STORE, inject: [SIDE_STORE], useFactory: (side: SideStore) => openMatchKeyStore(side) },
    DuplicateDetectionService,
    MergeParticipantsHandler,
    DismissDuplicateHandler,
    ListDuplicatesHandler,
  ],
  exports: [DuplicateDetectionService],
})
export class DuplicatesModule {}
