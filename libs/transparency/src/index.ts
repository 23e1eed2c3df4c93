export * from './merkle';
export * from './tree-builder';
export * from './flat-leaves';
export * from './signed-note';
export * from './checkpoint';
