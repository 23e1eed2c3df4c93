// The domain's public surface: pure TypeScript, no Nest, no I/O, no clock, no randomness.
export * from './shared/domain-error';
export * from './shared/domain-error-code';
export * from './shared/vocabulary';
export * from './shared/command';
export * from './shared/event';
export * from './shared/decider';
export * from './shared/age';
export * from './pathways';
export * from './participants';
export * from './guard';
export * from './duplicates';
export * from './offers';
