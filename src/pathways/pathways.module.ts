import { Module } from '@nestjs/common';
import { EventSourcingModule } from '../event-sourcing';
import { GuardModule } from '../guard';
import { OffersModule } from '../offers';
import { PersonalDataModule } from '../personal-data';
import { AbortPathwayHandler } from './abort-pathway/abort-pathway.handler';
import { AbortPathwayRoute } from './abort-pathway/abort-pathway.route';
import { CaseloadRoute } from './caseload/caseload.route';
import { ListPathwaysHandler } from './caseload/list-pathways.handler';
import { CompletePathwayHandler } from './complete-pathway/complete-pathway.handler';
import { CompletePathwayRoute } from './complete-pathway/complete-pathway.route';
import { OpenPathwayHandler } from './open-pathway/open-pathway.handler';
import { OpenPathwayProcess } from './open-pathway/open-pathway.process';
import { OpenPathwayRoute } from './open-pathway/open-pathway.route';
import { PathwayAccess } from './pathway-access';
import { RecordCaseStepHandler } from './record-case-step/record-case-step.handler';
import { RecordCaseStepRoute } from './record-case-step/record-case-step.route';
import { GetPathwayHandler } from './timeline/get-pathway.handler';
import { PathwayRoute } from './timeline/pathway.route';
import { TransferPathwayHandler } from './transfer-pathway/transfer-pathway.handler';
import { TransferPathwayRoute } from './transfer-pathway/transfer-pathway.route';

/** Pathways: one folder per use case (route, request, handler) and one per read model (projection, query, response). */
@Module({
  imports: [EventSourcingModule, PersonalDataModule, GuardModule, OffersModule],
  controllers: [
    OpenPathwayRoute,
    CaseloadRoute,
    PathwayRoute,
    RecordCaseStepRoute,
    CompletePathwayRoute,
    AbortPathwayRoute,
    TransferPathwayRoute,
  ],
  providers: [
    PathwayAccess,
    OpenPathwayProcess,
    OpenPathwayHandler,
    RecordCaseStepHandler,
    CompletePathwayHandler,
    AbortPathwayHandler,
    TransferPathwayHandler,
    ListPathwaysHandler,
    GetPathwayHandler,
  ],
})
export class PathwaysModule {}
