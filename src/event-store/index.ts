export { EventStoreModule } from './event-store.module';
export { describeLocation } from './describe-location';
/** The token to inject the store with: `@Inject(EVENT_STORE) store: EventStore`. */
export { EVENT_STORE } from '@lotse/event-store';
export type { EventStore } from '@lotse/event-store';
