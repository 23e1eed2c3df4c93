import { Module } from '@nestjs/common';
import { disclosureRule } from '@lotse/domain';
import { APP_CONFIG, AppConfig } from '../config';
import { EventSourcingModule } from '../event-sourcing';
import { CareerStatisticsRoute } from './careers/careers.route';
import { GetCareerStatisticsHandler } from './careers/careers.handler';
import { StatisticsFactsSource } from './facts/statistics-facts.service';
import { GetReportHandler } from './get-report/get-report.handler';
import { GetReportRoute } from './get-report/get-report.route';
import { ListReportsHandler } from './list-reports/list-reports.handler';
import { ListReportsRoute } from './list-reports/list-reports.route';
import { GetNeedsOffersHandler } from './needs-offers/needs-offers.handler';
import { NeedsOffersRoute } from './needs-offers/needs-offers.route';
import { GetOutputStatisticsHandler } from './outputs/outputs.handler';
import { OutputStatisticsRoute } from './outputs/outputs.route';
import { GetPathwayStatisticsHandler } from './pathway-statistics/pathway-statistics.handler';
import { PathwayStatisticsRoute } from './pathway-statistics/pathway-statistics.route';
import { ReportAccess } from './reports/report-access';
import { ReproduceReportHandler } from './reproduce-report/reproduce-report.handler';
import { ReproduceReportRoute } from './reproduce-report/reproduce-report.route';
import { StatisticsQueries } from './statistics-queries.service';
import { DISCLOSURE_RULE } from './statistics.tokens';
import { StoreReportHandler } from './store-report/store-report.handler';
import { StoreReportRoute } from './store-report/store-report.route';

/** Statistics for the alliance's core group: anonymised figures under disclosure control, and reproducible reports. */
@Module({
  imports: [EventSourcingModule],
  controllers: [
    PathwayStatisticsRoute,
    NeedsOffersRoute,
    CareerStatisticsRoute,
    OutputStatisticsRoute,
    StoreReportRoute,
    ListReportsRoute,
    ReproduceReportRoute,
    GetReportRoute,
  ],
  providers: [
    { provide: DISCLOSURE_RULE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => disclosureRule(config.STATISTICS_MIN_CELL) },
    StatisticsFactsSource,
    StatisticsQueries,
    ReportAccess,
    GetPathwayStatisticsHandler,
    GetNeedsOffersHandler,
    GetCareerStatisticsHandler,
    GetOutputStatisticsHandler,
    StoreReportHandler,
    ListReportsHandler,
    GetReportHandler,
    ReproduceReportHandler,
  ],
})
export class StatisticsModule {}
