export { AggregateStore } from './aggregate-store';
export type { Loaded, Decided } from './aggregate-store';
export type { Decider, DomainEvent } from './decider';
export type { RequestContext } from './request-context';
export { newAggregateId, nameBasedUuid } from './request-context';
export { EventSourcingModule } from './event-sourcing.module';
export { Ctx } from './request-context.decorator';
