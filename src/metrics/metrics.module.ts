import { Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { MetricsController } from './metrics.controller';

/**
 * One registry per application, not prom-client's global one: tests run several apps in one process.
 * Global, as infrastructure: whatever measures something registers its metrics here.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: Registry,
      useFactory: () => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry, prefix: 'lotse_' });
        return registry;
      },
    },
  ],
  exports: [Registry],
})
export class MetricsModule {}
