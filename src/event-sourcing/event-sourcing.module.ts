import { Module } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@lotse/event-store';
import { CommandRunner } from './command-runner';

/** The command runner: one per process, so that commands on one stream queue behind each other and share the snapshot cache. */
@Module({
  providers: [{ provide: CommandRunner, inject: [EVENT_STORE], useFactory: (store: EventStore) => new CommandRunner(store) }],
  exports: [CommandRunner],
})
export class EventSourcingModule {}
