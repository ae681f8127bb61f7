/** Import boundaries (architecture §2): dependencies point inward; the domain imports no framework, database or Redis. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain is pure TypeScript: no Nest, no database, no Redis, no I/O, no other lib.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        path: ['^apps/', '^libs/(?!domain/)', 'node_modules/(@nestjs|better-sqlite3|pg|ioredis|bullmq|@kurrent|exceljs|docx|playwright-core|nodemailer|pino)/'],
      },
    },
    {
      name: 'domain-no-node-io',
      comment: 'libs/domain does no I/O: no fs, net, child processes or worker threads.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|net|http|https|child_process|worker_threads|dgram|tls)$' },
    },
    {
      name: 'monitoring-decider-is-pure',
      comment: 'The monitoring decider decides on the state and inputs it is handed: no store, no framework, no I/O (the command handler reads and appends).',
      severity: 'error',
      from: { path: '^libs/monitoring/src/monitoring-decider/', pathNot: '\\.spec\\.ts$|spec-support\\.ts$' },
      to: {
        path: ['^apps/', '^libs/event-store/', '^libs/read-models/', '^libs/jobs/', 'profile-loader', 'node_modules/(@nestjs|better-sqlite3|pg|ioredis|bullmq|@kurrent)/', '^(node:)?(fs|fs/promises|net|http|https|child_process|worker_threads)$'],
      },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-adapter-downcasts-outside-the-store',
      comment: 'Code outside libs/event-store talks to the EventStore port, never to an adapter module.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['^libs/event-store/', '\\.spec\\.ts$'] },
      to: { path: '^libs/event-store/src/(sqlite|postgres|kurrentdb|memory)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: ['node_modules', 'dist'] },
  },
};
