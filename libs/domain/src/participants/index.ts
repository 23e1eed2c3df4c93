export { participantDecider, participantStreamId, isParticipantEvent } from './participant.decider';
export { openNeeds } from './open-needs';
export type {
  Participant,
  RegisteredParticipantState,
  ParticipantEvent,
  ParticipantCommand,
  Entitlement,
  NeedsAssessment,
  ParticipantRegistered,
  ResidenceStatusChanged,
  EntitlementAdded,
  EntitlementEnded,
  PersonalDataErased,
  ParticipantMerged,
  NeedsAssessed,
  RegisterParticipant,
  ChangeResidenceStatus,
  AddEntitlement,
  EndEntitlement,
  ErasePersonalData,
  MergeInto,
  AssessNeeds,
} from './participant.decider';
