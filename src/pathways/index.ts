export { PathwaysModule } from './pathways.module';
export { pathwayStream } from './pathway-stream';
