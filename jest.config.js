/** Tests compile with SWC (decorator metadata on), so TypeScript's major version does not matter to them. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(spec|test)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
    }],
  },
  moduleNameMapper: {
    '^@lotse/(domain|event-store|projections)$': '<rootDir>/libs/$1/src',
    '^@lotse/(domain|event-store|projections)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testTimeout: 60000,
};
