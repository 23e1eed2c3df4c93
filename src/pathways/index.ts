// The pathways context's public surface.
export { PathwaysModule } from './pathways.module';
export { pathwaysProjection } from './caseload/pathways.projection';
export type { PathwayDocument } from './caseload/pathways.projection';
export { caseStepsProjection } from './timeline/case-steps.projection';
export type { CaseStepDocument } from './timeline/case-steps.projection';
