export { ReadModelsModule } from './read-models.module';
export { ReadModels, MIN_POSITION_WAIT_MS } from './read-models.service';
export { ProjectionsHealthIndicator } from './projections.health-indicator';
export { EXTRA_PROJECTIONS } from './projections';
export { READ_MODEL_STORE } from './tokens';
export { MinPositionQuery } from './min-position.dto';
