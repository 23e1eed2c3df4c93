// Statistics for the alliance's core group: anonymised facts folded from the log, tables, and
// the disclosure control every output passes through. Pure: the read model and the replay of a
// stored report call the same functions and so come to the same bytes.
export * from './age-band';
export * from './calendar';
export * from './statistics-documents';
export * from './facts';
export * from './facts-join';
export * from './table';
export * from './disclosure';
export * from './queries';
export * from './csv';
export * from './report.decider';
export * from './suppression-universe';
