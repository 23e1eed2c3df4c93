/** Tests compile with SWC (decorator metadata on), so TypeScript's major version does not matter to them. */

// NestJS 12 and a few of its dependencies ship as ES modules only. Node 20 can require() them,
// but Jest on Node < 24.9 cannot, so SWC rewrites just these packages to CommonJS for the tests
// (content-disposition 2: @fastify/static's, which serves Swagger UI's files).
const ESM_ONLY_PACKAGES = ['@nestjs', 'jose', 'content-disposition'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(spec|test)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
      },
    ],
    '/node_modules/.+\\.js$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  // Judged by the innermost node_modules, so a package nested under another is found too.
  transformIgnorePatterns: [`/node_modules/(?!.*/node_modules/)(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  moduleNameMapper: {
    '^@lotse/(domain|event-store|projections|transparency)$': '<rootDir>/libs/$1/src',
    '^@lotse/(domain|event-store|projections|transparency)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // New PGlite databases start from a cluster initialised once per run, not from initdb each (the file says why).
  setupFiles: ['<rootDir>/test/support/pglite-from-template.ts'],
  testTimeout: 60000,
  // The longest files first, also without an earlier run's times in Jest's cache (the file says why).
  testSequencer: '<rootDir>/test/support/slow-files-first.js',
  // A pool or subscription a suite forgot to close must not keep CI waiting forever after the summary.
  forceExit: true,
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.js'],
};
