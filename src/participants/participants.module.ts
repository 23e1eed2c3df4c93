import { Module } from '@nestjs/common';
import { DuplicatesModule } from '../duplicates';
import { EventSourcingModule } from '../event-sourcing';
import { GuardModule } from '../guard';
import { PersonalDataModule } from '../personal-data';
import { AddEntitlementHandler } from './add-entitlement/add-entitlement.handler';
import { AddEntitlementRoute } from './add-entitlement/add-entitlement.route';
import { AssessNeedsHandler } from './assess-needs/assess-needs.handler';
import { AssessNeedsRoute } from './assess-needs/assess-needs.route';
import { ChangeResidenceStatusHandler } from './change-residence-status/change-residence-status.handler';
import { ChangeResidenceStatusRoute } from './change-residence-status/change-residence-status.route';
import { EndEntitlementHandler } from './end-entitlement/end-entitlement.handler';
import { EndEntitlementRoute } from './end-entitlement/end-entitlement.route';
import { ErasePersonalDataHandler } from './erase-personal-data/erase-personal-data.handler';
import { ErasePersonalDataRoute } from './erase-personal-data/erase-personal-data.route';
import { GetParticipantHandler } from './get-participant/get-participant.handler';
import { ParticipantRoute } from './get-participant/participant.route';
import { ParticipantAccess } from './participant-access';
import { RegisterParticipantHandler } from './register-participant/register-participant.handler';
import { RegisterParticipantRoute } from './register-participant/register-participant.route';

/** Participants: one folder per use case (route, request, handler). */
@Module({
  // The guard's enrolment ledger tells which assessed needs a running pathway already meets.
  imports: [EventSourcingModule, PersonalDataModule, DuplicatesModule, GuardModule],
  controllers: [
    RegisterParticipantRoute,
    ParticipantRoute,
    ChangeResidenceStatusRoute,
    AddEntitlementRoute,
    EndEntitlementRoute,
    ErasePersonalDataRoute,
    AssessNeedsRoute,
  ],
  providers: [
    ParticipantAccess,
    RegisterParticipantHandler,
    ChangeResidenceStatusHandler,
    AddEntitlementHandler,
    EndEntitlementHandler,
    ErasePersonalDataHandler,
    GetParticipantHandler,
    AssessNeedsHandler,
  ],
})
export class ParticipantsModule {}
