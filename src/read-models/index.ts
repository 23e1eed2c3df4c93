export { ReadModelsModule } from './read-models.module';
export { ReadModels, MIN_POSITION_WAIT_MS } from './read-models.service';
export { ProjectionsHealthIndicator } from './projections.health-indicator';
export { EXTRA_PROJECTIONS, READ_MODEL_STORE } from './read-models.tokens';
export { MinPositionQuery } from './min-position.dto';
