export { participantDecider, participantStreamId, isParticipantEvent } from './participant.decider';
export type {
  Participant, RegisteredParticipantState, ParticipantEvent, ParticipantCommand, Entitlement,
  ParticipantRegistered, ResidenceStatusChanged, EntitlementAdded, EntitlementEnded, PersonalDataErased, ParticipantMerged,
  RegisterParticipant, ChangeResidenceStatus, AddEntitlement, EndEntitlement, ErasePersonalData, MergeInto,
} from './participant.decider';
