// The domain's public surface: pure TypeScript, no Nest, no I/O, no clock, no randomness.
export * from './kernel/domain-error';
export * from './kernel/domain-error-code';
export * from './kernel/vocabulary';
export * from './kernel/command';
export * from './kernel/event';
export * from './kernel/decider';
export * from './kernel/age';
export * from './pathways';
export * from './participants';
export * from './guard';
export * from './duplicates';
export * from './offers';
export * from './statistics';
