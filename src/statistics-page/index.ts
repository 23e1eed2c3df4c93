// The statistics page: its module, and the German names of the codes it shows.
export { StatisticsPageModule } from './statistics-page.module';
export { GERMAN_LABELS } from './german-labels';
