export * from './merkle';
export * from './tree-builder';
export * from './signed-note';
export * from './checkpoint';
