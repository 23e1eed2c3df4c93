import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuditLogModule } from '../audit-log';
import { EventStoreHealthIndicator } from './event-store.health-indicator';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule, AuditLogModule],
  controllers: [HealthController],
  providers: [EventStoreHealthIndicator],
})
export class HealthModule {}
