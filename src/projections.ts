import type { Projection } from '@lotse/projections';
import { careersProjection } from './guard';
import { caseStepsProjection, pathwaysProjection } from './pathways';

/** Every read model the service keeps; each is fed from the log on its own checkpoint. */
export const PROJECTIONS: readonly Projection[] = [pathwaysProjection, caseStepsProjection, careersProjection];
