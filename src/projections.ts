import type { Projection } from '@lotse/projections';
import { careersProjection } from '../guard/career.projection';
import { caseStepsProjection } from '../pathways/case-step.projection';
import { pathwaysProjection } from '../pathways/pathway.projection';

/** Every read model the service keeps; each is fed from the log on its own checkpoint. */
export const PROJECTIONS: readonly Projection[] = [pathwaysProjection, caseStepsProjection, careersProjection] as Projection[];

/** Further projections a test (or a later feature) provides, e.g. one that fails on purpose. */
export const EXTRA_PROJECTIONS = Symbol('EXTRA_PROJECTIONS');
