import { Global, Module } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@lotse/event-store';
import { AggregateStore } from './aggregate-store';

@Global()
@Module({
  providers: [{ provide: AggregateStore, inject: [EVENT_STORE], useFactory: (store: EventStore) => new AggregateStore(store) }],
  exports: [AggregateStore],
})
export class EventSourcingModule {}
