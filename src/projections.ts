import type { Projection } from '@lotse/projections';
// The projection files themselves, not the contexts' index.ts: the projections CLI loads this list
// and must not pull in the whole Nest application to get it.
import { careersProjection } from './guard/career/careers.projection';
import { offersProjection } from './offers/catalogue/offers.projection';
import { pathwaysProjection } from './pathways/caseload/pathways.projection';
import { caseStepsProjection } from './pathways/timeline/case-steps.projection';
import { statisticsFactsProjection } from './statistics/facts/statistics-facts.projection';
import { reportsProjection } from './statistics/reports/reports.projection';

/** Every read model the service keeps; each is fed from the log on its own checkpoint. */
export const PROJECTIONS: readonly Projection[] = [
  pathwaysProjection,
  caseStepsProjection,
  careersProjection,
  offersProjection,
  statisticsFactsProjection,
  reportsProjection,
];
