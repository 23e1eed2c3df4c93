export { CommandRunner } from './command-runner';
export type { Loaded, Decided, CommandRun } from './command-runner';
export type { RequestContext } from './request-context';
export { newAggregateId, nameBasedUuid, commandMetadata } from './request-context';
export { EventSourcingModule } from './event-sourcing.module';
export { Ctx } from './request-context.decorator';
export { FollowUps, DEFAULT_FOLLOW_UP_POLICY } from './follow-ups';
export type { FollowUpPolicy } from './follow-ups';
