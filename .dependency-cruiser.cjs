// Import rules of the services' shape (services/common/README.md, ADR 0034), checked by
// `npm run lint:deps` in the test command. Paths are relative to the repository root.

/** A service's own source: services/<name>/src/... */
const service = '^services/([^/]+)/src/';
/** A package's source folders under services/: the eight services and the shared library. */
const serviceFolder = '^services/[^/]+/src/';
const layer = (folder) => `^services/[^/]+/src/${folder}/`;
const testFile = '\\.test\\.ts$';
const testing = '(^|/)testing/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Files import one way: no file reaches itself again through its imports (type imports too).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      comment:
        "A service's folders import one way: no folder under src/ reaches itself again through other folders. " +
        "src/'s own files (main, app, context, config, index) are the composition root and stand outside. " +
        "services/common's topic folders import one way too.",
      severity: 'error',
      scope: 'folder',
      from: { path: `${serviceFolder}[^/]+` },
      to: { path: `${serviceFolder}[^/]+`, circular: true },
    },
    {
      name: 'domain-is-pure',
      comment:
        'domain/ holds pure rules: it imports no persistence, orchestration, HTTP, jobs, consumers or clients.',
      severity: 'error',
      from: { path: layer('domain') },
      to: { path: layer('(db|use-cases|routes|jobs|consumers|clients)') },
    },
    {
      name: 'domain-does-no-io',
      comment:
        'domain/ does no I/O: no database, Redis or Kafka client, no file system, HTTP or process module ' +
        "(node:net stays allowed: the gateway's domain uses its pure isIP).",
      severity: 'error',
      from: { path: layer('domain') },
      to: {
        path: [
          '(^|/)node_modules/(drizzle-orm|ioredis|pg|kafkajs)/',
          '^(node:)?(fs|fs/promises|http|https|http2|child_process)$',
        ],
      },
    },
    {
      name: 'db-persists-only',
      comment:
        'db/ persists and decides nothing: within its service it imports only db/ and domain/ (types), never ' +
        'the HTTP layer, orchestration, jobs, consumers, clients or the composition root.',
      severity: 'error',
      from: { path: '^services/((?!common/)[^/]+)/src/db/' },
      to: { path: '^services/$1/src/', pathNot: '^services/$1/src/(db|domain)/' },
    },
    {
      name: 'queries-only-in-db',
      comment:
        'A service builds SQL only in its db/ stores (and its tests): elsewhere drizzle-orm may be named as a ' +
        'type (a database handle passed along), never called.',
      severity: 'error',
      from: { path: '^services/((?!common/)[^/]+)/src/', pathNot: '^services/[^/]+/src/(db|testing)/' },
      to: { path: '(^|/)node_modules/drizzle-orm/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'routes-not-into-the-composition-root',
      comment: 'Routes receive their dependencies through context.ts; they never import app.ts or main.ts.',
      severity: 'error',
      from: { path: layer('routes') },
      to: { path: `${service}(app|main)\\.ts$` },
    },
    {
      name: 'testing-only-from-tests',
      comment: 'Test helpers (testing/) are imported only by tests (*.test.ts) and by other test helpers.',
      severity: 'error',
      from: {
        path: '^(services|lambdas|operator)/',
        // Benchmarks are test tooling; the lambdas and the operator name their one helper module test-support.ts.
        pathNot: [testFile, testing, '(^|/)bench/', '^(lambdas/[^/]+|operator)/src/test-support\\.ts$'],
      },
      to: { path: testing },
    },
    {
      name: 'services-through-package-exports',
      comment:
        "A service reaches another service's source only through that service's package exports " +
        '(@urr/<service>/...), never by a relative path.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: {
        path: '^services/[^/]+/src/',
        pathNot: '^services/$1/',
        dependencyTypes: ['local'],
        dependencyTypesNot: ['aliased'],
      },
    },
    {
      name: 'packages-through-package-exports',
      comment:
        "Lambdas, the operator, manifests, infra and scripts reach a service's source only through its exports.",
      severity: 'error',
      from: { path: '^(lambdas|operator|manifests|infra|scripts)/' },
      to: { path: '^services/[^/]+/src/', dependencyTypes: ['local'], dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'Every import resolves (a subpath a package does not export does not). aws-lambda is only ' +
        'types (@types/aws-lambda, imported with `import type`): tsc resolves and checks it.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^aws-lambda$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests stand outside the graph: nothing imports a test, so it closes no cycle, and a test may wire
    // any folder of its service (a domain test may read the database) without linking those folders.
    // Packages in node_modules stay in the graph, unfollowed, so a rule can name one (queries-only-in-db).
    exclude: { path: ['(^|/)(dist|cdk\\.out|\\.next)/', '\\.test\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
