import base from './vitest.config.mts';

/** `npm run test:unit`: the pure tests alone (deciders, folds, rules, scoring, parsers), no database file, server or browser. */
export default {
  ...base,
  test: {
    ...base.test,
    include: ['libs/**/*.spec.ts'],
    exclude: ['**/node_modules/**', 'libs/event-store/src/{sqlite,postgres,kurrentdb}/**', 'libs/monitoring/src/progress/parallel-catch-up.spec.ts'],
    pool: 'threads',
  },
};
