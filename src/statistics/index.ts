// The statistics context's public surface.
export { StatisticsModule } from './statistics.module';
export { statisticsFactsProjection } from './facts/statistics-facts.projection';
export { reportsProjection } from './reports/reports.projection';
