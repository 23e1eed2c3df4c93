// The domain's public surface: pure TypeScript, no Nest, no I/O, no clock, no randomness.
export * from './shared/domain-error';
export * from './shared/domain-error-code';
export * from './shared/vocabulary';
export * from './shared/command';
export { pathwayDecider, GOAL_REACHED_OUTCOMES } from './pathways/pathway.decider';
export type { Pathway, PathwayEvent, PathwayCommand, CaseStep, PlannedStep, ParticipantSnapshot } from './pathways/pathway.decider';
export { participantDecider } from './participants/participant.decider';
export type { Participant, ParticipantEvent, ParticipantCommand, Entitlement } from './participants/participant.decider';
export * from './guard';
export * from './duplicates';
