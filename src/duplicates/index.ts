export { DuplicatesModule } from './duplicates.module';
export { DuplicateDetectionService } from './duplicate-detection.service';
