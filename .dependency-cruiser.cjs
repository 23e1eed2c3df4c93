/**
 * The import rules of the code's shape (`npm run depcruise`). Dependencies point inwards: the
 * domain depends on nothing, the libraries never on the application, and nothing imports in a
 * circle. Paths are resolved as TypeScript resolves them, `@lotse/*` included.
 */

/** Unit tests and test helpers: they may measure time and hash test data with Node's own modules. */
const DOMAIN_TESTS = ['^libs/domain/src/.*[.]spec[.]ts$', '^libs/domain/src/.*testing/'];

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'libs/domain holds the deciders and the vocabulary: plain TypeScript that runs anywhere, ' +
        'so it imports nothing but itself (no Nest, no database, no Node module, not the other libraries).',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: DOMAIN_TESTS },
      to: { pathNot: '^libs/domain/' },
    },
    {
      name: 'domain-tests-use-only-node-core',
      comment: "The domain's tests and test helpers may use Node's crypto (HMAC keys of test data) and perf_hooks (timings), nothing else outside the domain.",
      severity: 'error',
      from: { path: DOMAIN_TESTS },
      to: { pathNot: ['^libs/domain/', '^(node:)?(crypto|perf_hooks)$'] },
    },
    {
      name: 'libs-never-import-the-app',
      comment: 'The libraries are used by the application (src/), the CLI and the benchmarks; they cannot know any of them.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(src|test|bench|scripts)/' },
    },
    {
      name: 'event-store-stands-alone',
      comment: 'The event store knows events as envelopes, not what they mean: no domain, no read models.',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: '^libs/(domain|projections)/' },
    },
    {
      name: 'projections-know-only-the-event-store',
      comment: 'The projection runner and the read-model stores are generic; the projections of the domain live in src/.',
      severity: 'error',
      from: { path: '^libs/projections/' },
      to: { path: '^libs/domain/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes module load order matter (a class is undefined where it is imported) and the layers meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves, the @lotse/* paths of tsconfig.json included.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: they are part of a layer's surface, and a type cycle is still a cycle.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
  },
};
