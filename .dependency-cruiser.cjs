/**
 * The import rules of the code's shape (`npm run depcruise`). Dependencies point inwards: the
 * domain depends on nothing, the libraries never on the application, and nothing imports in a
 * circle. Paths are resolved as TypeScript resolves them, `@lotse/*` included.
 */

/** Unit tests and test helpers: they may measure time and hash test data with Node's own modules. */
const DOMAIN_TESTS = ['^libs/domain/src/.*[.]spec[.]ts$', '^libs/domain/src/.*testing/'];

/**
 * The application's bounded contexts and which others each may use: the guard and offers know none
 * of them (nor do the statistics, which count from the log alone, nor the statistics page, which reads the statistics
 * API from the browser), duplicates know the guard, pathways know the guard and offers, participants know
 * duplicates (and the guard). One way only, so the contexts form no cycle and the guard's rules
 * cannot depend on who calls them.
 */
const CONTEXTS = {
  guard: [],
  offers: [],
  duplicates: ['guard'],
  pathways: ['guard', 'offers'],
  participants: ['duplicates', 'guard'],
  statistics: [],
  'statistics-page': [],
};
const INFRASTRUCTURE = [
  'auth',
  'config',
  'database',
  'event-store',
  'event-sourcing',
  'health',
  'http',
  'lifecycle',
  'logging',
  'metrics',
  'audit-log',
  'personal-data',
  'read-models',
];

const contextRules = Object.entries(CONTEXTS).map(([context, allowed]) => ({
  name: `context-${context}-depends-one-way`,
  comment: `src/${context} may use ${allowed.length ? allowed.map((c) => `src/${c}`).join(' and ') : 'no other context'}, besides the infrastructure.`,
  severity: 'error',
  from: { path: `^src/${context}/` },
  to: {
    path: `^src/(${Object.keys(CONTEXTS)
      .filter((c) => c !== context && !allowed.includes(c))
      .join('|')})/`,
  },
}));

module.exports = {
  forbidden: [
    ...contextRules,
    {
      name: 'infrastructure-knows-no-context',
      comment: 'Authentication, HTTP conventions, storage and the command runner serve every context and know none of them.',
      severity: 'error',
      from: { path: `^src/(${INFRASTRUCTURE.join('|')})/` },
      to: { path: `^src/(${Object.keys(CONTEXTS).join('|')})/` },
    },
    {
      name: 'contexts-meet-at-their-index',
      comment:
        "A context uses another only through that one's index.ts, its public surface; what is not exported there is its own business.",
      severity: 'error',
      from: { path: `^src/(${Object.keys(CONTEXTS).join('|')})/` },
      to: { path: `^src/(${Object.keys(CONTEXTS).join('|')})/`, pathNot: ['^src/$1/', '^src/[^/]+/index[.]ts$'] },
    },
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
      comment:
        "The domain's tests and test helpers may use Node's crypto (HMAC keys of test data) and perf_hooks (timings), and fast-check for property tests (the disclosure rules), nothing else outside the domain.",
      severity: 'error',
      from: { path: DOMAIN_TESTS },
      to: { pathNot: ['^libs/domain/', '^(node:)?(crypto|perf_hooks)$', '^node_modules/fast-check/'] },
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
      name: 'transparency-stands-alone',
      comment:
        'The Merkle tree, its proofs and signed checkpoints are plain algorithms over bytes (RFC 9162, signed notes): ' +
        'no Lotse library, so the offline verifier and any auditor can use them alone.',
      severity: 'error',
      from: { path: '^libs/transparency/' },
      to: { path: '^libs/(domain|event-store|projections)/' },
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
    // The statistics page's browser script: it imports labels.js, which the app renders from german-labels.ts when it serves it.
    exclude: { path: '^src/statistics-page/web/' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: they are part of a layer's surface, and a type cycle is still a cycle.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
